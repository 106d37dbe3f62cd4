namespace ConsentKit;

/// <summary>How a pending script is written inert, for the tag helper and the Razor component alike.</summary>
internal static class InertScript
{
    /// <summary>The type that keeps a script inert. Browsers neither fetch nor run a script of an unknown type.</summary>
    public const string Type = "text/plain";

    /// <summary>
    /// The name an attribute of a runnable script takes on its inert copy: <c>type</c> and the attributes only a runnable
    /// script may carry (<see cref="ConsentProtocol.ScriptOnlyAttributes"/>) wait under <c>data-ck-*</c>; any other
    /// attribute keeps its name (<see langword="null"/>).
    /// </summary>
    public static string? HeldName(string name) =>
        string.Equals(name, "type", StringComparison.OrdinalIgnoreCase) ? ConsentProtocol.Attributes.Type
        : Array.FindIndex(ConsentProtocol.ScriptOnlyAttributes, a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase)) >= 0
            ? ConsentProtocol.AttributePrefix + name.ToLowerInvariant()
            : null;
}
