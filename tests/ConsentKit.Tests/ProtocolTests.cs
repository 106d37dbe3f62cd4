using System.Reflection;
using System.Text.RegularExpressions;

namespace ConsentKit.Tests;

/// <summary>The server and the client script share one table of names (<see cref="ConsentProtocol"/>).</summary>
public partial class ProtocolTests
{
    private static readonly string Script = ReadScript();

    private static string ReadScript()
    {
        using var stream = typeof(ConsentProtocol).Assembly.GetManifestResourceStream(
            typeof(ConsentProtocol).Assembly.GetManifestResourceNames().Single(n => n.EndsWith("consentkit.js", StringComparison.Ordinal)))!;
        return new StreamReader(stream).ReadToEnd();
    }

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void Every_data_attribute_in_the_client_script_is_in_the_protocol_and_has_its_prefix()
    {
        var used = DataAttribute().Matches(Script).Select(m => m.Value).Distinct().ToList();
        used.Should().NotBeEmpty();
        var defined = Constants(typeof(ConsentProtocol.Attributes))
            .Concat(ConsentProtocol.ScriptOnlyAttributes.Select(a => ConsentProtocol.AttributePrefix + a)).ToList();
        used.Should().OnlyContain(a => defined.Contains(a), "the script may only use names the server defines");
        Constants(typeof(ConsentProtocol.Attributes)).Should().OnlyContain(a => a.StartsWith(ConsentProtocol.AttributePrefix, StringComparison.Ordinal));
        Script.Should().NotContain("data-consent-", "one attribute prefix");
    }

    [Fact]
    public void The_attributes_an_inert_script_holds_back_are_the_ones_the_client_script_restores()
    {
        var listed = HeldList().Match(Script);
        listed.Success.Should().BeTrue();
        var inScript = listed.Groups[1].Value.Split(',').Select(n => n.Trim().Trim('"')).Append("src").Order().ToList();
        inScript.Should().Equal(ConsentProtocol.ScriptOnlyAttributes.Order());
    }

    [Fact]
    public void Statuses_the_client_script_compares_with_are_the_servers_names()
    {
        var compared = StatusLiteral().Matches(Script).Select(m => m.Groups[1].Value).Distinct().ToList();
        compared.Should().NotBeEmpty();
        var names = Enum.GetValues<TransmissionStatus>().Select(ConsentProtocol.StatusName).ToList();
        compared.Should().OnlyContain(s => names.Contains(s));
    }

    [Fact]
    public void Every_postable_action_round_trips_and_acknowledging_a_notice_cannot_be_posted()
    {
        foreach (var action in ConsentProtocol.PostableActions)
        {
            ConsentProtocol.TryParseAction(ConsentProtocol.ActionName(action), out var parsed).Should().BeTrue();
            parsed.Should().Be(action);
        }

        ConsentProtocol.TryParseAction("acknowledge-notice", out _).Should().BeFalse("only the server acknowledges a notice it showed");
        ConsentProtocol.TryParseAction("AcknowledgeNotice", out _).Should().BeFalse();
        ConsentProtocol.TryParseAction(null, out _).Should().BeFalse();
    }

    [Fact]
    public void The_form_fields_the_client_script_reads_are_the_servers_fields()
    {
        var read = FormGet().Matches(Script).Select(m => m.Groups[1].Value).Distinct().ToList();
        read.Should().NotBeEmpty();
        read.Should().OnlyContain(f => Constants(typeof(ConsentProtocol.Fields)).Contains(f));
    }

    [GeneratedRegex("var held = \\[([^\\]]+)\\]")]
    private static partial Regex HeldList();

    [GeneratedRegex("data-ck-[a-z-]+")]
    private static partial Regex DataAttribute();

    [GeneratedRegex("\\] === \"([a-zA-Z]+)\"")]
    private static partial Regex StatusLiteral();

    [GeneratedRegex("data\\.(?:get|getAll)\\(\"([a-zA-Z]+)\"\\)")]
    private static partial Regex FormGet();
}
