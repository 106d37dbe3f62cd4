namespace ConsentKit;

/// <summary>The language of user-facing text. Japanese is the default and is always one click away (R7, R38).</summary>
public enum NoticeLanguage
{
    /// <summary>日本語. The default, required by Ordinance 22-2-28 (1)(i).</summary>
    Japanese = 0,

    /// <summary>English, beside the Japanese.</summary>
    English = 1,
}
