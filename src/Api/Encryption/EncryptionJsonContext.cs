using System.Text.Json;
using System.Text.Json.Serialization;
using PasswordManager.Api.Encryption.Operations;
using PasswordManager.Application.Encryption.Operations;

namespace PasswordManager.Api.Encryption;

/// <summary>
/// Compile-time JSON metadata for the bodies of the Encryption Service's hot path (encrypt and decrypt, single and
/// batch): responses are written by generated code instead of the reflection-based converters. The options are the
/// API's own (<see cref="DependencyInjection.AddApi"/>), so the wire format does not change.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(EncryptRequest))]
[JsonSerializable(typeof(EncryptBatchRequest))]
[JsonSerializable(typeof(DecryptRequest))]
[JsonSerializable(typeof(CipherBatchRequest))]
[JsonSerializable(typeof(CipherItem))]
[JsonSerializable(typeof(EncryptResult))]
[JsonSerializable(typeof(DecryptResponse))]
[JsonSerializable(typeof(DecryptBatchResponse))]
internal sealed partial class EncryptionJsonContext : JsonSerializerContext;
