namespace ConsentKit.Tests;

public class AuditTests
{
    private static IReadOnlyList<string> Find(string html) =>
        ExternalTransmissionAudit.FindUndeclaredResources(html, Declarations.Valid()).Select(u => u.ToString()).ToList();

    [Fact]
    public void R34_DeclaredAndFirstPartyHostsPass()
    {
        Find("""
            <script src="https://collect.example.com/tag.js"></script>
            <img src="https://www.example.jp/logo.png" alt="">
            <script type="text/plain" data-ck-src="https://collect.example.com/inert.js"></script>
            <a href="https://elsewhere.example/">a link is navigation, not a request</a>
            <form action="https://forms.example/post"></form>
            <script>fetch("https://inside-script.example/")</script>
            """).Should().BeEmpty();
    }

    [Fact]
    public void R34_UndeclaredResourcesAreReportedOnceInPageOrder()
    {
        Find("""
            <link rel="stylesheet" href="https://fonts.undeclared.example/a.css">
            <link rel="canonical" href="https://canonical.example/page">
            <script async src="//cdn.undeclared.example/lib.js"></script>
            <template data-ck-module="x"><iframe src='https://video.undeclared.example/embed?a=1&amp;b=2'></iframe></template>
            <img srcset="https://img.undeclared.example/a.png 1x, https://img2.undeclared.example/b.png 2x" src=/local.png alt="">
            <script src="https://cdn.undeclared.example/lib.js"></script>
            <video poster="https://poster.undeclared.example/p.jpg"></video>
            <img src="https://collect.example.com/p.gif" src="https://ignored.example/duplicate-attribute.gif" alt="">
            """).Should().Equal(
            "https://fonts.undeclared.example/a.css",
            "https://cdn.undeclared.example/lib.js",
            "https://video.undeclared.example/embed?a=1&b=2",
            "https://img.undeclared.example/a.png",
            "https://img2.undeclared.example/b.png",
            "https://poster.undeclared.example/p.jpg");
    }

    [Fact]
    public void R34_WildcardHostsAndExtraHostsAreAccepted()
    {
        var o = Declarations.Valid();
        o.FindModule("analytics")!.Hosts.Add("*.cdn.example");
        ExternalTransmissionAudit.FindUndeclaredResources(
            "<script src=\"https://eu.cdn.example/a.js\"></script><img src=\"http://127.0.0.1:5000/x.png\" alt=\"\">", o, "127.0.0.1")
            .Should().BeEmpty();
    }
}
