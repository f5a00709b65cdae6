using System.Text;
using System.Text.Json;

namespace PasswordManager.Client.Crypto.Attachments;

/// <summary>
/// What an attachment says about itself, encrypted in its header: the file name and, optionally, its media type.
/// On the wire: UTF-8 JSON <c>{"name":…,"type":…}</c> padded with spaces to a multiple of 128 bytes, at most 4096.
/// </summary>
public sealed record AttachmentMetadata
{
    /// <exception cref="ArgumentException">The name is empty, or name and type do not fit in 4096 bytes.</exception>
    public AttachmentMetadata(string fileName, string? mediaType = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        FileName = fileName;
        MediaType = string.IsNullOrEmpty(mediaType) ? null : mediaType;
        _ = ToPaddedUtf8();
    }

    public string FileName { get; }

    public string? MediaType { get; }

    internal byte[] ToPaddedUtf8()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("name", FileName);
            if (MediaType is not null) writer.WriteString("type", MediaType);
            writer.WriteEndObject();
        }

        var json = buffer.ToArray();
        var padded = ((json.Length + AttachmentFormat.MetadataPadding - 1) / AttachmentFormat.MetadataPadding) * AttachmentFormat.MetadataPadding;
        if (padded > AttachmentFormat.MaxMetadataPlaintext)
        {
            throw new ArgumentException($"The attachment's name and type take {json.Length} bytes; at most {AttachmentFormat.MaxMetadataPlaintext} fit.");
        }

        var result = new byte[padded];
        json.CopyTo(result, 0);
        result.AsSpan(json.Length).Fill((byte)' ');
        return result;
    }

    /// <exception cref="CryptoFormatException">The (authenticated) plaintext is not metadata of this format.</exception>
    internal static AttachmentMetadata Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetString()))
            {
                throw new CryptoFormatException("The attachment metadata has no file name.");
            }

            var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (utf8[(int)reader.BytesConsumed..].IndexOfAnyExcept((byte)' ') >= 0)
            {
                throw new CryptoFormatException("The attachment metadata has bytes after its JSON other than padding.");
            }

            return new AttachmentMetadata(name.GetString()!, type);
        }
        catch (JsonException exception)
        {
            throw new CryptoFormatException($"The attachment metadata is not JSON ({exception.Message}).", exception);
        }
        catch (DecoderFallbackException exception)
        {
            throw new CryptoFormatException("The attachment metadata is not UTF-8.", exception);
        }
    }
}
