using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PasswordManager.Application.Vault.Archive;

/// <summary>Reads and writes archives as NDJSON, one record per line, without holding the archive in memory.</summary>
public static class ArchiveFormat
{
    public const string MediaType = "application/x-ndjson";

    /// <summary>An entry of 1 MiB is about 1.4 MiB of base64; anything much longer is not ours.</summary>
    public const int MaxLineChars = 4 * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowOutOfOrderMetadataProperties = true,
    };

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<ArchiveRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(records);
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            await JsonSerializer.SerializeAsync(output, record, Json, cancellationToken);
            await output.WriteAsync(NewLine, cancellationToken);
        }
    }

    /// <summary>Yields the records with their line numbers; throws <see cref="FormatException"/> on a line that is not a record.</summary>
    public static async IAsyncEnumerable<(int Line, ArchiveRecord Record)> ReadAsync(Stream input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
        var lines = new BoundedLineReader(reader);
        var number = 0;
        while (await lines.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (line.Length == 0) continue;
            ArchiveRecord? record;
            try
            {
                record = JsonSerializer.Deserialize<ArchiveRecord>(line, Json);
            }
            catch (JsonException e)
            {
                throw new FormatException($"Line {number} is not an archive record: {e.Message}", e);
            }

            yield return (number, record ?? throw new FormatException($"Line {number} is empty."));
        }
    }

    /// <summary>Like <see cref="StreamReader.ReadLineAsync()"/>, but refuses a line longer than <see cref="MaxLineChars"/>.</summary>
    private sealed class BoundedLineReader(StreamReader reader)
    {
        private readonly char[] buffer = new char[64 * 1024];
        private int start;
        private int end;

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new StringBuilder();
            while (true)
            {
                if (start == end)
                {
                    (start, end) = (0, await reader.ReadAsync(buffer.AsMemory(), cancellationToken));
                    if (end == 0) return line.Length == 0 ? null : line.ToString();
                }

                var newline = Array.IndexOf(buffer, '\n', start, end - start);
                var stop = newline < 0 ? end : newline;
                line.Append(buffer, start, stop - start);
                if (line.Length > MaxLineChars) throw new FormatException($"An archive line is longer than {MaxLineChars} characters.");
                start = newline < 0 ? end : newline + 1;
                if (newline >= 0) return line.ToString();
            }
        }
    }
}
