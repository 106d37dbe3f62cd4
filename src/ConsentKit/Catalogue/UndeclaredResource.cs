namespace ConsentKit;

/// <summary>A resource on a page whose host no module declares, with the catalogue entries that know the host (R34).</summary>
public sealed class UndeclaredResource
{
    internal UndeclaredResource(Uri url, IReadOnlyList<KnownModule> suggestions)
    {
        Url = url;
        Suggestions = suggestions;
    }

    /// <summary>The resource URL.</summary>
    public Uri Url { get; }

    /// <summary>Catalogue entries whose hosts cover the URL's host; empty when the catalogue does not know it.</summary>
    public IReadOnlyList<KnownModule> Suggestions { get; }

    /// <summary>One line for a test failure or a log, naming the catalogue entries to declare.</summary>
    /// <returns>The message.</returns>
    public override string ToString() => Suggestions.Count == 0
        ? $"{Url} is not declared by any module"
        : $"{Url} is not declared by any module; the catalogue knows {Url.Host}: declare "
          + string.Join(" or ", Suggestions.Select(s => $"\"{KnownModules.ConfigurationKey}\": \"{s.Id}\" ({s.NameEn})"));
}
