using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using PasswordManager.Application.Encryption.Operations;

namespace PasswordManager.Api.Encryption;

/// <summary>
/// Reads a <c>data</c> JSON string (base64) straight into a pooled <see cref="Plaintext"/> instead of a string: plain
/// base64 straight from the UTF-8 bytes; anything else unescaped into a pooled, wiped character buffer and decoded as
/// <see cref="Convert.FromBase64String"/> would, so what is accepted and refused is unchanged. A string that is not
/// base64 gives an invalid item (the validator's 400), anything but a string the serializer's own 400.
/// </summary>
internal sealed class PlaintextJsonConverter : JsonConverter<Plaintext>
{
    public override Plaintext Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"Cannot get the value of a token type '{reader.TokenType}' as a string.");

        if (!reader.HasValueSequence && !reader.ValueIsEscaped && Plaintext.FromBase64Utf8(reader.ValueSpan) is { } decoded) return decoded;

        var maxChars = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        var chars = ArrayPool<char>.Shared.Rent(maxChars);
        try
        {
            var written = reader.CopyString(chars);
            return Plaintext.FromBase64(chars.AsSpan(0, written));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(chars.AsSpan(0, maxChars)));
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    public override void Write(Utf8JsonWriter writer, Plaintext value, JsonSerializerOptions options) =>
        writer.WriteBase64StringValue(value.AsSpan());
}
