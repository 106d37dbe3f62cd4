using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ConsentKit.IntegrationTests;

public class ExtensionPointTests
{
    private sealed class KeepingRecorder : IConsentRecorder
    {
        public List<ConsentRecord> Kept { get; } = [];

        public ValueTask RecordAsync(ConsentRecord record, CancellationToken cancellationToken)
        {
            Kept.Add(record);
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task R24_ARecorderRegisteredThroughTheBuilderReceivesEveryRecordWhateverTheOrder()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddExternalTransmissionNotice(o => Fixtures.Declare(o)).AddConsentRecorder<KeepingRecorder>();
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IConsentRecorder>().Should().BeOfType<KeepingRecorder>();

        var context = new DefaultHttpContext { RequestServices = provider };
        var result = await context.GetExternalTransmission().ApplyAsync(new ConsentChange { Action = ConsentAction.Grant, Modules = ["analytics"] });

        var kept = ((KeepingRecorder)provider.GetRequiredService<IConsentRecorder>()).Kept;
        kept.Should().ContainSingle().Which.ReceiptId.Should().Be(result.Record!.ReceiptId);
        kept[0].Decisions.Should().ContainSingle(d => d.ModuleId == "analytics" && d.Status == TransmissionStatus.Allowed);
    }

    [Fact]
    public async Task TheSiteStatesThatItHonoursGlobalPrivacyControl()
    {
        await using var host = await TestHost.StartAsync(declare: o =>
        {
            Fixtures.Declare(o);
            o.LastUpdated = new DateOnly(2026, 11, 1);
        });
        var response = await new Visitor(host.Server).GetAsync("/.well-known/gpc.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("gpc").GetBoolean().Should().BeTrue();
        json.RootElement.GetProperty("lastUpdate").GetString().Should().Be("2026-11-01");
    }

    [Fact]
    public async Task NoGpcStatementWhenTheSiteIgnoresTheSignal()
    {
        await using var host = await TestHost.StartAsync(declare: o =>
        {
            Fixtures.Declare(o);
            o.Gpc = GpcPolicy.Ignore;
        });
        (await new Visitor(host.Server).GetAsync("/.well-known/gpc.json")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
