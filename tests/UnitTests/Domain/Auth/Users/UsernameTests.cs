using PasswordManager.Domain.Auth.Users;

namespace PasswordManager.UnitTests.Domain.Auth.Users;

public sealed class UsernameTests
{
    [TestCase("abc")]
    [TestCase("alice")]
    [TestCase("Alice.Smith")]
    [TestCase("bob_1")]
    [TestCase("carol-d")]
    [TestCase("dave+work")]
    [TestCase("erin@example.com")]
    [TestCase("0day")]
    [TestCase("a...")]
    public void ShouldAcceptValidUsername(string username)
    {
        Assert.That(Username.IsValid(username), Is.True);
    }

    [Test]
    public void ShouldAcceptUsernamesAtTheLengthLimits()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Username.IsValid(new string('a', Username.MinLength)), Is.True);
            Assert.That(Username.IsValid(new string('a', Username.MaxLength)), Is.True);
            Assert.That(Username.MinLength, Is.EqualTo(3));
            Assert.That(Username.MaxLength, Is.EqualTo(64));
        });
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("ab")]
    [TestCase(".alice")]
    [TestCase("_alice")]
    [TestCase("-alice")]
    [TestCase("+alice")]
    [TestCase("@alice")]
    [TestCase("alice smith")]
    [TestCase(" alice")]
    [TestCase("alice ")]
    [TestCase("alice\n")]
    [TestCase("al\nice")]
    [TestCase("alice/bob")]
    [TestCase("alice#1")]
    [TestCase("älice")]
    [TestCase("\uFF41lice")]
    public void ShouldRejectInvalidUsername(string? username)
    {
        Assert.That(Username.IsValid(username), Is.False);
    }

    [Test]
    public void ShouldRejectUsernameLongerThanMaximum()
    {
        Assert.That(Username.IsValid(new string('a', Username.MaxLength + 1)), Is.False);
    }

    [TestCase("alice", "alice")]
    [TestCase("Alice", "alice")]
    [TestCase("ALICE.Smith@Example.COM", "alice.smith@example.com")]
    [TestCase("  Bob_1  ", "bob_1")]
    [TestCase("\tcarol\n", "carol")]
    public void ShouldNormalizeToTrimmedLowerCase(string username, string expected)
    {
        Assert.That(Username.Normalize(username), Is.EqualTo(expected));
    }

    [Test]
    public void ShouldNormalizeIdempotently()
    {
        var once = Username.Normalize(" Dave+Work ");

        Assert.That(Username.Normalize(once), Is.EqualTo(once));
    }

    [Test]
    public void ShouldNormalizeCaseVariantsToTheSameName()
    {
        Assert.That(Username.Normalize("ErIn"), Is.EqualTo(Username.Normalize("eRiN")));
    }
}
