using System.CommandLine;
using System.Globalization;
using PasswordManager.Client.Cli.Terminal;
using PasswordManager.Client.Sdk.Billing;
using Spectre.Console;

namespace PasswordManager.Client.Cli.Commands;

/// <summary>pm admin plans | plan set | flags | flag set | flag delete | usage: the Billing part of <c>pm admin</c>.</summary>
internal static class AdminBillingCommands
{
    /// <summary>Adds the Billing subcommands to the <c>pm admin</c> command.</summary>
    public static void AddTo(Command admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        admin.Subcommands.Add(Plans());
        admin.Subcommands.Add(Plan());
        admin.Subcommands.Add(Flags());
        admin.Subcommands.Add(Flag());
        admin.Subcommands.Add(Usage());
        admin.Subcommands.Add(Entitlement());
    }

    /// <summary>A per-tenant override of one entitlement, e.g. the sign-in policy (ADR-0027): oidc, magic_link, password_login, mfa_required.</summary>
    private static Command Entitlement()
    {
        var tenant = new Argument<string>("TENANT") { Description = "The tenant's id or name" };
        var key = new Argument<string>("KEY") { Description = "The entitlement (e.g. oidc, magic_link, password_login, mfa_required, devices)" };
        var value = new Argument<string>("VALUE") { Description = "true/false for features and policy, a number or unlimited for limits" };
        var set = new Command("set", "Override one entitlement for a tenant (instance admins), e.g. the sign-in policy") { tenant, key, value };
        set.SetCliAction(async (context, token) =>
        {
            var parse = context.ParseResult;
            var tenantId = await AdminCommands.TenantIdAsync(context, parse.GetValue(tenant)!, token);
            var effective = await context.Client.Billing.SetEntitlementOverrideAsync(tenantId, parse.GetValue(key)!, parse.GetValue(value)!, token);
            context.Output.Result(effective, console =>
            {
                console.MarkupLine($"Tenant {Markup.Escape(parse.GetValue(tenant)!)} now has:");
                foreach (var (name, current) in effective) console.MarkupLine($"  {Markup.Escape(name)} = {Markup.Escape(current)}");
            });
            return ExitCodes.Ok;
        });
        return new Command("entitlement", "A tenant's entitlement overrides") { set };
    }

    private static Command Plans()
    {
        var command = new Command("plans", "List the plans and their entitlements (tenant admins and instance admins)");
        command.SetCliAction(async (context, token) =>
        {
            var plans = await context.Client.Billing.ListPlansAsync(token);
            context.Output.Result(plans, console =>
            {
                var keys = plans.Plans.SelectMany(p => p.Entitlements.Keys).Distinct().ToList();
                var table = new RecordTable(["Plan", .. keys.Select(Markup.Escape)]);
                foreach (var plan in plans.Plans)
                {
                    var name = plan.Id == plans.DefaultPlan ? $"[bold]{Markup.Escape(plan.Id)}[/] (default)" : Markup.Escape(plan.Id);
                    table.AddRow([name, .. keys.Select(k => Markup.Escape(plan.Entitlements.GetValueOrDefault(k, "")))]);
                }

                table.WriteTo(console);
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Plan()
    {
        var tenant = new Argument<string>("TENANT") { Description = "The tenant's name or id" };
        var plan = new Argument<string>("PLAN") { Description = "A plan id from pm admin plans, e.g. teams" };
        var status = new Option<string>("--status") { Description = "trialing, active, past_due or canceled", DefaultValueFactory = _ => "active" };
        var seats = new Option<int?>("--seats") { Description = "Seats paid for" };
        var periodEnd = new Option<DateTimeOffset?>("--period-end") { Description = "End of the paid period (e.g. 2027-01-31)" };
        var set = new Command("set", "Put a tenant on a plan (instance admins); data over the new limits stays, only new writes are refused")
        {
            tenant, plan, status, seats, periodEnd,
        };
        set.SetCliAction(async (context, token) =>
        {
            var parse = context.ParseResult;
            var tenantId = await AdminCommands.TenantIdAsync(context, parse.GetValue(tenant)!, token);
            var subscription = await context.Client.Billing.SetSubscriptionAsync(
                tenantId,
                new SetSubscriptionRequest(parse.GetValue(plan)!, parse.GetValue(status)!, parse.GetValue(periodEnd), parse.GetValue(seats)),
                token);
            context.Output.Result(subscription, console => console.MarkupLine(
                $"Tenant {Markup.Escape(parse.GetValue(tenant)!)} is on [bold]{Markup.Escape(subscription.PlanId)}[/] ({Markup.Escape(subscription.Status)})."));
            return ExitCodes.Ok;
        });
        return new Command("plan", "A tenant's plan") { set };
    }

    private static Command Flags()
    {
        var command = new Command("flags", "List the feature flags and their targeting (instance admins)");
        command.SetCliAction(async (context, token) =>
        {
            var flags = await context.Client.Billing.ListFlagsAsync(token);
            context.Output.Result(new { items = flags }, console =>
            {
                if (flags.Count == 0) console.MarkupLine("No feature flags.");
                var table = new RecordTable("Flag", "On", "Tenants", "Users", "Plans", "Rollout", "Variants");
                foreach (var flag in flags)
                {
                    table.AddRow(
                        Markup.Escape(flag.Name),
                        flag.Enabled ? "yes" : "no",
                        flag.Tenants.Count.ToString(CultureInfo.InvariantCulture),
                        flag.Users.Count.ToString(CultureInfo.InvariantCulture),
                        Markup.Escape(string.Join(",", flag.Plans)),
                        flag.RolloutPercentage.ToString(CultureInfo.InvariantCulture) + "%",
                        Markup.Escape(string.Join(",", flag.Variants.Select(v => v.Name))));
                }

                if (flags.Count > 0) table.WriteTo(console);
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Flag()
    {
        var name = new Argument<string>("NAME") { Description = "Flag name: lowercase letters, digits, . - _" };
        var off = new Option<bool>("--off") { Description = "Define the flag switched off (it is on for its targets otherwise)" };
        var tenants = new Option<Guid[]>("--tenant") { Description = "Tenant id to turn it on for; repeat for several" };
        var users = new Option<Guid[]>("--user") { Description = "User id to turn it on for; repeat for several" };
        var plans = new Option<string[]>("--plan") { Description = "Plan id whose tenants get it; repeat for several" };
        var rollout = new Option<int>("--rollout") { Description = "Percentage (0–100) of everyone else that gets it", DefaultValueFactory = _ => 0 };
        var description = new Option<string?>("--description") { Description = "What the flag is for" };
        var set = new Command("set", "Create or replace a feature flag (instance admins); every server applies it within seconds")
        {
            name, off, tenants, users, plans, rollout, description,
        };
        set.SetCliAction(async (context, token) =>
        {
            var parse = context.ParseResult;
            var flag = await context.Client.Billing.SetFlagAsync(
                parse.GetValue(name)!,
                new SetFlagRequest(
                    !parse.GetValue(off), parse.GetValue(description), parse.GetValue(tenants) ?? [], parse.GetValue(users) ?? [],
                    parse.GetValue(plans) ?? [], parse.GetValue(rollout)),
                token);
            context.Output.Result(flag, console => console.MarkupLine(
                $"Flag [bold]{Markup.Escape(flag.Name)}[/] is {(flag.Enabled ? "on" : "off")} for {Plural.Of(flag.Tenants.Count, "tenant", "tenants")}, {Plural.Of(flag.Users.Count, "user", "users")}, " +
                $"plans [{Markup.Escape(string.Join(",", flag.Plans))}] and {flag.RolloutPercentage}% of everyone else."));
            return ExitCodes.Ok;
        });

        var deleteName = new Argument<string>("NAME") { Description = "Flag name" };
        var delete = new Command("delete", "Delete a feature flag (instance admins)") { deleteName };
        delete.SetCliAction(async (context, token) =>
        {
            await context.Client.Billing.DeleteFlagAsync(context.ParseResult.GetValue(deleteName)!, token);
            context.Output.Result(new { deleted = context.ParseResult.GetValue(deleteName) }, console => console.MarkupLine("Deleted."));
            return ExitCodes.Ok;
        });
        return new Command("flag", "A feature flag") { set, delete };
    }

    private static Command Usage()
    {
        var tenant = new Argument<string?>("TENANT") { Description = "One tenant's name or id; without it every tenant (instance admins)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("usage", "Counted usage per tenant against its plan's limits, with what the last reconciliation corrected") { tenant };
        command.SetCliAction(async (context, token) =>
        {
            IReadOnlyList<TenantUsage> usage = context.ParseResult.GetValue(tenant) is { } one
                ? [await context.Client.Billing.GetUsageAsync(await AdminCommands.TenantIdAsync(context, one, token), token)]
                : await context.Client.Billing.ListUsageAsync(token);
            object result = context.ParseResult.GetValue(tenant) is null ? new { items = usage } : usage[0];
            context.Output.Result(result, console =>
            {
                var table = new RecordTable("Tenant", "Plan", "Vaults", "Entries", "Attachment bytes", "Last correction");
                foreach (var row in usage)
                {
                    table.AddRow(
                        Markup.Escape(row.TenantName ?? row.TenantId.ToString()),
                        Markup.Escape(row.Plan),
                        Of(row.Usage.Vaults, row.Entitlements, "vaults"),
                        Of(row.Usage.Entries, row.Entitlements, "entries"),
                        Of(row.Usage.AttachmentBytes, row.Entitlements, "attachment_bytes"),
                        Markup.Escape(row.Usage.LastDrift is { } drift ? string.Join(" ", drift.Select(d => $"{d.Key}{d.Value:+0;-0;0}")) : "-"));
                }

                table.WriteTo(console);
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Of(long used, IReadOnlyDictionary<string, string> entitlements, string key) =>
        Markup.Escape($"{used.ToString(CultureInfo.InvariantCulture)} / {entitlements.GetValueOrDefault(key, "?")}");
}
