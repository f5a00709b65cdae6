using FluentValidation;
using PasswordManager.Application.Common.Validation;
using PasswordManager.Application.Vault.Rekeying;
using PasswordManager.Domain.Common;
using PasswordManager.Domain.Vault.Entries;

namespace PasswordManager.Application.Vault;

internal static class VaultValidationRules
{
    /// <summary>Largest plaintext of a vault's encrypted metadata (its name).</summary>
    public const int MaxMetadataBytes = 4096;

    public static IRuleBuilderOptions<T, string?> EntryCiphertext<T>(this IRuleBuilder<T, string?> rule, int maxBytes) =>
        rule.Must(c => EnvelopeFormat.TryDecodeBase64(c) is { } bytes
                && bytes.Length <= maxBytes
                && EnvelopeFormat.IsSymmetricEnvelope(bytes, 0, maxBytes))
            .WithMessage($"ciphertext must be a v1 encrypted envelope of at most {maxBytes} bytes, base64-encoded.");

    /// <summary>An entry name's blind index, when given: 16 bytes as canonical unpadded base64url (docs/crypto-format.md §20).</summary>
    public static IRuleBuilderOptions<T, string?> NameIndex<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(i => i is null || EntryNameIndex.IsValid(i))
            .WithMessage($"nameIndex must be {EntryNameIndex.Length} characters of unpadded base64url (16 bytes).");

    /// <summary>A vault's encrypted metadata, when given.</summary>
    public static IRuleBuilderOptions<T, string?> VaultMetadata<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(m => m is null || (EnvelopeFormat.TryDecodeBase64(m) is { } bytes && EnvelopeFormat.IsSymmetricEnvelope(bytes, 0, MaxMetadataBytes)))
            .WithMessage($"encryptedMetadata must be a v1 encrypted envelope of at most {MaxMetadataBytes} bytes of plaintext.");

    /// <summary>The remaining members of a re-key: each once, each with a sealed key and a signature.</summary>
    public static void RekeyedMembers<T>(this IRuleBuilder<T, IReadOnlyList<RekeyedMember>> rule) =>
        rule.NotEmpty()
            .Must(m => m.Select(x => x.UserId).Distinct().Count() == m.Count).WithMessage("Each member may appear once.")
            .ForEach(each => each.ChildRules(member =>
            {
                member.RuleFor(m => m.UserId).NotEmpty();
                member.RuleFor(m => m.WrappedKey).SealedKey();
                member.RuleFor(m => m.GranterSignature).Signature();
            }));
}
