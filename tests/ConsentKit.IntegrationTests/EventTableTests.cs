using System.Reflection;
using FluentAssertions;
using Microsoft.Extensions.Logging;

namespace ConsentKit.IntegrationTests;

/// <summary>
/// One table of event ids (<see cref="ConsentKitEvents"/>), shared by the logs and the tests: every [LoggerMessage] in
/// every ConsentKit assembly has an id no other one uses, and the table lists it under the same name. An event added
/// without a table entry, or with an id another package already uses, fails here.
/// </summary>
public sealed class EventTableTests
{
    /// <summary>The packages that must be scanned, plus any other ConsentKit assembly next to the tests.</summary>
    private static IReadOnlyList<Assembly> Assemblies()
    {
        var required = new[] { typeof(ConsentKitEvents).Assembly, Assembly.Load("ConsentKit.EntityFrameworkCore") };
        var directory = Path.GetDirectoryName(typeof(EventTableTests).Assembly.Location)!;
        var others = Directory.GetFiles(directory, "ConsentKit*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => n is not null && !n.Contains("Tests", StringComparison.Ordinal) && !n.Contains("Samples", StringComparison.Ordinal) && !n.Contains("Benchmarks", StringComparison.Ordinal))
            .Select(n => Assembly.Load(n!));
        return required.Concat(others).Distinct().ToList();
    }

    internal static IReadOnlyList<(string Where, int Id, string Name)> LoggerMessages(IEnumerable<Assembly> assemblies) =>
        assemblies
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => ($"{x.Method.DeclaringType!.Assembly.GetName().Name}: {x.Method.DeclaringType.FullName}.{x.Method.Name}", x.Attribute!.EventId, x.Attribute.EventName ?? x.Method.Name))
            .ToList();

    [Fact]
    public void The_scan_finds_the_events_of_both_packages()
    {
        var found = LoggerMessages(Assemblies());
        // A scan that finds nothing would pass every check below.
        found.Should().Contain(e => e.Id == 1 && e.Name == "RecordRejected");
        found.Should().Contain(e => e.Id == 100 && e.Name == "ConsentRecorded", "events outside Log.cs are scanned too");
        found.Should().Contain(e => e.Id == 400 && e.Where.StartsWith("ConsentKit.EntityFrameworkCore:", StringComparison.Ordinal));
        found.Should().Contain(e => e.Id == 600);
    }

    [Fact]
    public void Every_logger_message_id_is_unique_across_the_packages()
    {
        var duplicates = LoggerMessages(Assemblies()).GroupBy(e => e.Id).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Where))}").ToList();
        duplicates.Should().BeEmpty("each event id names one event in every log");
    }

    [Fact]
    public void Every_logger_message_is_in_the_event_table_with_its_name()
    {
        var table = ConsentKitEvents.All.ToDictionary(e => e.Id, e => e.Name);
        var missing = LoggerMessages(Assemblies())
            .Where(e => !table.TryGetValue(e.Id, out var name) || name != e.Name)
            .Select(e => $"{e.Id} {e.Name} ({e.Where})").ToList();
        missing.Should().BeEmpty("ConsentKitEvents is the one table of event ids: add the event there");
    }

    [Fact]
    public void The_event_table_lists_no_event_that_is_not_logged_and_no_id_twice()
    {
        var logged = LoggerMessages(Assemblies()).Select(e => e.Id).ToHashSet();
        ConsentKitEvents.All.Select(e => e.Id).Should().OnlyHaveUniqueItems();
        ConsentKitEvents.All.Where(e => !logged.Contains(e.Id)).Select(e => $"{e.Id} {e.Name}").Should().BeEmpty();
        ConsentKitEvents.All.Select(e => e.Id).Should().BeInAscendingOrder();
    }

    [Fact]
    public void The_table_exposes_every_field_in_All()
    {
        var fields = typeof(ConsentKitEvents).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(EventId)).Select(f => (EventId)f.GetValue(null)!).ToList();
        fields.Should().BeEquivalentTo(ConsentKitEvents.All);
        fields.Should().OnlyContain(f => f.Name == typeof(ConsentKitEvents).GetField(f.Name!)!.Name);
    }

    [Fact]
    public void Japanese_in_log_values_is_kept_as_written_and_only_controls_are_escaped()
    {
        Log.Escape("株式会社テスト\r\n偽の行").Should().Be("株式会社テスト\\u000d\\u000a偽の行");
        Log.Escape("送信先: 広告\u202Eabc").Should().Be("送信先: 広告\\u202eabc");
    }
}
