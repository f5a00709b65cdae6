using Mediator;
using Microsoft.AspNetCore.Mvc;
using PasswordManager.Application.Billing;
using PasswordManager.Application.Billing.Flags.ListFlags;
using PasswordManager.Application.Billing.Flags.SetFlag;
using PasswordManager.Domain.Billing.Flags;

namespace PasswordManager.Api.AdminConsole.Pages;

/// <summary>Feature flags with their targeting (instance administrators); a save replaces the flag as <c>PUT /admin/flags/{name}</c> does.</summary>
internal sealed class FlagsModel(ISender sender) : ConsolePageModel(sender)
{
    private const int MaxListInput = 20_000;

    public IReadOnlyList<FlagView> Flags { get; private set; } = [];

    public FlagView? Editing { get; private set; }

    public static string Targeting(FlagView flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        var parts = new List<string>();
        if (flag.Tenants.Count > 0) parts.Add($"{flag.Tenants.Count} tenant(s)");
        if (flag.Users.Count > 0) parts.Add($"{flag.Users.Count} user(s)");
        if (flag.Plans.Count > 0) parts.Add("plans " + string.Join(", ", flag.Plans));
        parts.Add($"{flag.RolloutPercentage} % rollout");
        if (flag.Variants.Count > 0) parts.Add($"{flag.Variants.Count} variant(s)");
        return string.Join("; ", parts);
    }

    public async Task<IActionResult> OnGetAsync(string? edit, string? done, CancellationToken ct)
    {
        Notice = done == "saved" ? "The flag is saved; every server process applies it within seconds." : null;
        var shown = await ShowAsync(ct);
        Editing = edit is null ? null : Flags.FirstOrDefault(f => f.Name == edit);
        return shown;
    }

    public async Task<IActionResult> OnPostToggleAsync(string? name, CancellationToken ct)
    {
        var flags = await Sender.Send(new ListFlagsQuery(BillingCaller), ct);
        if (flags.IsFailure) return InstanceAdministratorsOnly();
        var flag = flags.Value.FirstOrDefault(f => f.Name == name);
        if (flag is null) return NotFound();
        var settings = new FlagSettings(flag.Description, !flag.Enabled, flag.Tenants, flag.Users, flag.Plans, flag.RolloutPercentage,
            [.. flag.Variants.Select(v => new FlagVariant(v.Name, v.Value))], flag.VariantWhenEnabled, flag.VariantWhenDisabled);
        return await ActAsync(async () => await Sender.Send(new SetFlagCommand(BillingCaller, flag.Name, settings), ct),
            _ => Redirect(AdminConsoleSetup.PathPrefix + "/flags?done=saved"), () => ShowAsync(ct));
    }

    public async Task<IActionResult> OnPostSaveAsync(
        string? name, string? description, bool enabled, string? tenants, string? users, string? plans, int rollout, CancellationToken ct)
    {
        var tenantIds = Ids(tenants);
        var userIds = Ids(users);
        if (tenantIds is null || userIds is null || (plans?.Length ?? 0) > MaxListInput)
        {
            ErrorMessage = "Tenant and user ids are GUIDs, one per line.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(ct);
        }

        var existing = await Sender.Send(new ListFlagsQuery(BillingCaller), ct);
        var current = existing.IsSuccess ? existing.Value.FirstOrDefault(f => f.Name == name) : null;
        var settings = new FlagSettings(string.IsNullOrWhiteSpace(description) ? null : description.Trim(), enabled, tenantIds, userIds, Lines(plans), rollout,
            current is null ? [] : [.. current.Variants.Select(v => new FlagVariant(v.Name, v.Value))], current?.VariantWhenEnabled, current?.VariantWhenDisabled);
        return await ActAsync(async () => await Sender.Send(new SetFlagCommand(BillingCaller, name?.Trim() ?? "", settings), ct),
            _ => Redirect(AdminConsoleSetup.PathPrefix + "/flags?done=saved"), () => ShowAsync(ct));
    }

    private static List<string> Lines(string? text) =>
        [.. (text ?? "").Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static List<Guid>? Ids(string? text)
    {
        if ((text?.Length ?? 0) > MaxListInput) return null;
        var ids = new List<Guid>();
        foreach (var line in Lines(text))
        {
            if (!Guid.TryParse(line, out var id)) return null;
            ids.Add(id);
        }

        return ids;
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        if (!IsInstanceAdministrator) return InstanceAdministratorsOnly();
        var flags = await Sender.Send(new ListFlagsQuery(BillingCaller), ct);
        if (flags.IsSuccess) Flags = flags.Value;
        return Page();
    }
}
