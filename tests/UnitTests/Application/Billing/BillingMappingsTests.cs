using Mapster;
using PasswordManager.Application.Billing;
using PasswordManager.Domain.Billing.Plans;
using PasswordManager.Domain.Billing.Subscriptions;
using PasswordManager.Domain.Common;

namespace PasswordManager.UnitTests.Application.Billing;

public sealed class BillingMappingsTests
{
    [Test]
    public void ShouldCompileAndValidateAtStartUp()
    {
        // The application registers the result of Create(); compiling with RequireExplicitMapping and
        // RequireDestinationMemberSource throws for any view member no source fills.
        var config = BillingMappings.Create();

        Assert.DoesNotThrow(() => config.Compile());
    }

    [Test]
    public void ShouldRefuseAViewMemberWithoutSource()
    {
        var config = new TypeAdapterConfig { RequireExplicitMapping = true, RequireDestinationMemberSource = true };
        config.NewConfig<Plan, ViewWithExtraMember>();

        Assert.That(() => config.Compile(), Throws.Exception);
    }

    [Test]
    public void ShouldMapSubscriptionStatusAndPlanEntitlementsToTheirApiForm()
    {
        var config = BillingMappings.Create();
        var now = DateTimeOffset.UtcNow;
        var plan = Plan.Create("free", "Free", SeededPlans.All.Single(p => p.Id == "free").Entitlements, now);
        var subscription = Subscription.Start(new TenantId(Guid.NewGuid()), "free", SubscriptionStatus.PastDue, null, 3, now, now);

        var planView = plan.Adapt<PlanView>(config);
        var subscriptionView = subscription.Adapt<SubscriptionView>(config);

        Assert.That(planView.Entitlements["vaults"], Is.EqualTo("2"));
        Assert.That(planView.Entitlements["sharing"], Is.EqualTo("false"));
        Assert.That(subscriptionView.Status, Is.EqualTo("past_due"));
        Assert.That(subscriptionView.Seats, Is.EqualTo(3));
    }

    [TestCase("vaults", "unlimited", true)]
    [TestCase("vaults", "0", true)]
    [TestCase("vaults", "-1", false)]
    [TestCase("vaults", "1125899906842625", false)]
    [TestCase("vaults", " 5", false)]
    [TestCase("sharing", "true", true)]
    [TestCase("sharing", "yes", false)]
    [TestCase("mfa_methods", "totp", true)]
    [TestCase("mfa_methods", "sms", false)]
    [TestCase("unknown", "1", false)]
    public void ShouldAcceptOnlyValidEntitlementValues(string key, string value, bool valid) =>
        Assert.That(Entitlements.IsValidValue(key, value), Is.EqualTo(valid));

    [Test]
    public void ShouldTreatAFeatureNotIncludedAsALimitOfZero()
    {
        var free = SeededPlans.All.Single(p => p.Id == "free").Entitlements;

        Assert.That(free.LimitOf(EntitlementKey.Sharing), Is.Zero);
        Assert.That(Entitlements.Unlimited.LimitOf(EntitlementKey.Sharing), Is.Null);
        Assert.That(free.With(EntitlementKey.Sharing, "true").LimitOf(EntitlementKey.Sharing), Is.Null);
    }

    [Test]
    public void ShouldNameEntitlementsInTheContractsAsTheDomainDoes()
    {
        var contract = typeof(PasswordManager.Application.Contracts.Billing.Entitlement).GetFields().Select(f => (string)f.GetValue(null)!);

        Assert.That(EntitlementKey.All, Is.SupersetOf(contract));
    }

    private sealed record ViewWithExtraMember(string Id, string Name, string Missing);
}
