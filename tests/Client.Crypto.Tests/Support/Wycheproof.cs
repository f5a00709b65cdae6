using System.Text.Json;

namespace PasswordManager.Client.Crypto.Tests.Support;

/// <summary>One Wycheproof test case with its group, so suites can read group-level fields (keys, sizes).</summary>
internal sealed record WycheproofCase(JsonElement Group, JsonElement Test)
{
    public int Id => Test.GetProperty("tcId").GetInt32();

    public string Result => Test.GetProperty("result").GetString()!;

    public IReadOnlyList<string> Flags => [.. Test.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!)];

    public byte[] Hex(string name) => Convert.FromHexString(Test.GetProperty(name).GetString()!);
}

/// <summary>Loads a Wycheproof JSON file from Vectors/wycheproof and checks its declared test count.</summary>
internal static class Wycheproof
{
    public static IReadOnlyList<WycheproofCase> Load(string fileName)
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Vectors", "wycheproof", fileName);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement.Clone();
        var cases = root.GetProperty("testGroups").EnumerateArray()
            .SelectMany(group => group.GetProperty("tests").EnumerateArray().Select(test => new WycheproofCase(group, test)))
            .ToList();

        var declared = root.GetProperty("numberOfTests").GetInt32();
        Assert.That(cases, Has.Count.EqualTo(declared), $"{fileName}: numberOfTests does not match the file.");
        Assert.That(cases, Is.Not.Empty, $"{fileName} holds no vectors.");
        return cases;
    }

    /// <summary>Runs every case, collects failures (by tcId) and reports counts per result.</summary>
    public static void Run(string fileName, Func<WycheproofCase, string?> check)
    {
        var cases = Load(fileName);
        var failures = new List<string>();
        foreach (var testCase in cases)
        {
            string? failure;
            try
            {
                failure = check(testCase);
            }
            catch (Exception e) when (e is not AssertionException)
            {
                failure = $"unexpected {e.GetType().Name}: {e.Message}";
            }

            if (failure is not null)
            {
                failures.Add($"tcId {testCase.Id} ({testCase.Result}, {string.Join(",", testCase.Flags)}): {failure}");
            }
        }

        var byResult = string.Join(", ", cases.GroupBy(c => c.Result).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
        TestContext.Progress.WriteLine($"Wycheproof {fileName}: {cases.Count} vectors ({byResult}), {failures.Count} failures");
        Assert.That(failures, Is.Empty);
    }
}
