using PasswordManager.Domain.Auth;
using PasswordManager.Domain.Auth.Sessions;
using PasswordManager.Domain.Common;

namespace PasswordManager.UnitTests.Domain.Auth.Sessions;

public sealed class DeviceSessionTests
{
    private static readonly DateTimeOffset start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan lifetime = TimeSpan.FromDays(30);
    private static readonly TimeSpan grace = TimeSpan.FromSeconds(30);
    private static readonly UserId user = new(Guid.Parse("0190f3b4-1c2d-7e3f-8a4b-5c6d7e8f9a0b"));

    private DeviceSession session = null!;
    private RefreshToken first = null!;

    [SetUp]
    public void StartSession() => (session, first) = DeviceSession.Start(
        user, Guid.NewGuid(), "laptop", DeviceType.Desktop, Hash(1), start, lifetime);

    [Test]
    public void ShouldStartActiveSessionWithOneUnusedToken()
    {
        Assert.Multiple(() =>
        {
            Assert.That(session.IsActive, Is.True);
            Assert.That(session.UserId, Is.EqualTo(user));
            Assert.That(session.CreatedAt, Is.EqualTo(start));
            Assert.That(session.LastSeenAt, Is.EqualTo(start));
            Assert.That(first.SessionId, Is.EqualTo(session.Id));
            Assert.That(first.TokenHash, Is.EqualTo(Hash(1)));
            Assert.That(first.IssuedAt, Is.EqualTo(start));
            Assert.That(first.ExpiresAt, Is.EqualTo(start + lifetime));
            Assert.That(first.UsedAt, Is.Null);
        });
    }

    [Test]
    public void ShouldMarkPresentedTokenUsedAndIssueNewToken()
    {
        var now = start.AddMinutes(10);

        var result = Rotate(first, [], Hash(2), now);

        Assert.That(result.IsSuccess, Is.True);
        var next = result.Value;
        Assert.Multiple(() =>
        {
            Assert.That(first.UsedAt, Is.EqualTo(now));
            Assert.That(next.Id, Is.Not.EqualTo(first.Id));
            Assert.That(next.SessionId, Is.EqualTo(session.Id));
            Assert.That(next.TokenHash, Is.EqualTo(Hash(2)));
            Assert.That(next.IssuedAt, Is.EqualTo(now));
            Assert.That(next.ExpiresAt, Is.EqualTo(now + lifetime));
            Assert.That(next.UsedAt, Is.Null);
            Assert.That(session.LastSeenAt, Is.EqualTo(now));
            Assert.That(session.IsActive, Is.True);
        });
    }

    [Test]
    public void ShouldRetireUnusedSiblingsOnNormalRotation()
    {
        // Two unused tokens in one family: the second exchange of `first` raced within the grace window.
        var second = Rotate(first, [], Hash(2), start.AddMinutes(1)).Value;
        var racing = Rotate(first, [], Hash(3), start.AddMinutes(1).AddSeconds(5)).Value;
        var now = start.AddMinutes(2);

        var result = Rotate(racing, [second], Hash(4), now);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsSuccess, Is.True);
            Assert.That(racing.UsedAt, Is.EqualTo(now));
            Assert.That(second.UsedAt, Is.EqualTo(now));
            Assert.That(result.Value.UsedAt, Is.Null);
        });
    }

    [Test]
    public void ShouldKeepFirstUseTimeOfSiblingsThatWereAlreadyUsed()
    {
        var firstUse = start.AddMinutes(1);
        var second = Rotate(first, [], Hash(2), firstUse).Value;

        var result = Rotate(second, [first], Hash(3), start.AddMinutes(5));

        Assert.Multiple(() =>
        {
            Assert.That(result.IsSuccess, Is.True);
            Assert.That(first.UsedAt, Is.EqualTo(firstUse));
        });
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(29)]
    [TestCase(30)]
    public void ShouldExchangeTokenReusedWithinGraceWindowWithoutRevoking(int secondsAfterFirstUse)
    {
        var firstUse = start.AddMinutes(1);
        var second = Rotate(first, [], Hash(2), firstUse).Value;
        var now = firstUse.AddSeconds(secondsAfterFirstUse);

        var result = Rotate(first, [second], Hash(3), now);

        Assert.That(result.IsSuccess, Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(result.Value.Id, Is.Not.EqualTo(second.Id));
            Assert.That(result.Value.TokenHash, Is.EqualTo(Hash(3)));
            Assert.That(result.Value.UsedAt, Is.Null);
            Assert.That(first.UsedAt, Is.EqualTo(firstUse), "The first use must stay the reference for the grace window.");
            Assert.That(session.IsActive, Is.True);
            Assert.That(session.RevokedAt, Is.Null);
            Assert.That(session.LastSeenAt, Is.EqualTo(now));
        });
    }

    [Test]
    public void ShouldRevokeSessionWhenTokenIsReusedAfterGraceWindow()
    {
        var firstUse = start.AddMinutes(1);
        Rotate(first, [], Hash(2), firstUse);
        var now = firstUse + grace + TimeSpan.FromTicks(1);

        var result = Rotate(first, [], Hash(3), now);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsFailure, Is.True);
            Assert.That(result.Error, Is.TypeOf<RefreshTokenReused>());
            Assert.That(result.Error.Code, Is.EqualTo("auth.refresh_token_reused"));
            Assert.That(session.IsActive, Is.False);
            Assert.That(session.RevokedAt, Is.EqualTo(now));
            Assert.That(session.RevocationReason, Is.EqualTo(RevocationReasons.RefreshTokenReused));
        });
    }

    [Test]
    public void ShouldRejectDescendantTokensOnceReuseRevokedTheFamily()
    {
        var second = Rotate(first, [], Hash(2), start.AddMinutes(1)).Value;
        Rotate(first, [second], Hash(3), start.AddHours(1));

        var result = Rotate(second, [], Hash(4), start.AddHours(1).AddSeconds(1));

        Assert.Multiple(() =>
        {
            Assert.That(result.Error, Is.TypeOf<SessionExpired>());
            Assert.That(second.UsedAt, Is.Null);
        });
    }

    [Test]
    public void ShouldReturnSessionExpiredForRevokedSession()
    {
        session.Revoke(RevocationReasons.Logout, start.AddMinutes(1));

        var result = Rotate(first, [], Hash(2), start.AddMinutes(2));

        Assert.Multiple(() =>
        {
            Assert.That(result.IsFailure, Is.True);
            Assert.That(result.Error, Is.TypeOf<SessionExpired>());
            Assert.That(first.UsedAt, Is.Null, "A refused token must not be consumed.");
            Assert.That(session.RevocationReason, Is.EqualTo(RevocationReasons.Logout));
        });
    }

    [Test]
    public void ShouldReturnSessionExpiredForExpiredToken()
    {
        var result = Rotate(first, [], Hash(2), first.ExpiresAt);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsFailure, Is.True);
            Assert.That(result.Error, Is.TypeOf<SessionExpired>());
            Assert.That(first.UsedAt, Is.Null);
            Assert.That(session.IsActive, Is.True, "An expired token ends nothing but itself.");
        });
    }

    [Test]
    public void ShouldAcceptTokenJustBeforeItExpires()
    {
        var result = Rotate(first, [], Hash(2), first.ExpiresAt - TimeSpan.FromTicks(1));

        Assert.That(result.IsSuccess, Is.True);
    }

    [Test]
    public void ShouldRefuseTokenOfAnotherSession()
    {
        var (_, foreign) = DeviceSession.Start(user, Guid.NewGuid(), "phone", DeviceType.Mobile, Hash(9), start, lifetime);

        Assert.Throws<ArgumentException>(() => Rotate(foreign, [], Hash(2), start.AddMinutes(1)));
    }

    [Test]
    public void ShouldRefuseMissingArguments()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentNullException>(() => Rotate(null!, [], Hash(2), start));
            Assert.Throws<ArgumentNullException>(() => session.Rotate(first, null!, Hash(2), start, grace, lifetime));
        });
    }

    [Test]
    public void ShouldRevokeOnlyOnce()
    {
        var firstRevocation = start.AddMinutes(1);
        session.Revoke(RevocationReasons.Logout, firstRevocation);

        session.Revoke(RevocationReasons.RevokedByUser, start.AddMinutes(2));

        Assert.Multiple(() =>
        {
            Assert.That(session.IsActive, Is.False);
            Assert.That(session.RevokedAt, Is.EqualTo(firstRevocation));
            Assert.That(session.RevocationReason, Is.EqualTo(RevocationReasons.Logout));
        });
    }

    private Result<RefreshToken> Rotate(RefreshToken presented, RefreshToken[] siblings, byte[] newHash, DateTimeOffset now) =>
        session.Rotate(presented, siblings, newHash, now, grace, lifetime);

    private static byte[] Hash(byte seed) => Enumerable.Repeat(seed, 32).ToArray();
}
