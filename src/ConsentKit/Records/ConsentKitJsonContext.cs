using System.Text.Json.Serialization;

namespace ConsentKit;

/// <summary>Source-generated JSON for the choices endpoint: no reflection, trimming-safe.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChoiceRequest))]
[JsonSerializable(typeof(ChoiceResponse))]
[JsonSerializable(typeof(ChoiceError))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class ConsentKitJsonContext : JsonSerializerContext
{
}

/// <summary>The JSON body of <c>POST {NoticePath}/choices</c>.</summary>
internal sealed class ChoiceRequest
{
    public string? Action { get; set; }
    public string[]? Modules { get; set; }
    public string[]? Allowed { get; set; }
    public string? Lang { get; set; }
    public string? Source { get; set; }
}

internal sealed class ChoiceResponse
{
    public required string? Receipt { get; init; }
    public required bool Pending { get; init; }
    public required Dictionary<string, string> Modules { get; init; }
    public required Dictionary<string, string> ConsentMode { get; init; }
    public string[]? Ignored { get; init; }
}

internal sealed class ChoiceError
{
    public required string Error { get; init; }
    public required string Message { get; init; }
    public required string MessageJa { get; init; }
}
