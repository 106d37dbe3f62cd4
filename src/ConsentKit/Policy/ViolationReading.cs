using System.Text.RegularExpressions;

namespace ConsentKit;

/// <summary>Turns the fields of a report, which anyone can write, into the three short values ConsentKit keeps.</summary>
internal static partial class ViolationReading
{
    private const int MaxPathLength = 120;

    public static Violation Read(string? blocked, string? directive, string? document) =>
        new(HostOf(blocked), DirectiveOf(directive), PathOf(document));

    /// <summary>The blocked host, lower-case ASCII; a keyword such as <c>'inline'</c>; or <c>(other)</c>.</summary>
    public static string HostOf(string? blocked)
    {
        if (string.IsNullOrEmpty(blocked))
        {
            return "(other)";
        }

        if (blocked is "inline" or "eval" or "wasm-eval" or "data" or "blob" or "self" or "trusted-types-policy" or "trusted-types-sink")
        {
            return "'" + blocked + "'";
        }

        return Uri.TryCreate(blocked, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ws" or "wss"
            && DeclarationText.NormalizeHost(uri.IdnHost) is { } host
            ? host
            : "(other)";
    }

    /// <summary>A directive name as the policy spells it, or <c>(other)</c>.</summary>
    public static string DirectiveOf(string? directive) =>
        directive is not null && DirectivePattern().IsMatch(directive) ? directive : "(other)";

    /// <summary>The path of the page, cut short; never its query.</summary>
    public static string PathOf(string? document)
    {
        if (document is null || !Uri.TryCreate(document, UriKind.Absolute, out var uri))
        {
            return "(unknown)";
        }

        var path = uri.AbsolutePath;
        return path.Length > MaxPathLength ? path[..MaxPathLength] + "…" : path;
    }

    [GeneratedRegex("^[a-z]+(-[a-z]+){0,3}$")]
    private static partial Regex DirectivePattern();
}
