using AngleSharp.Html.Parser;
using FluentAssertions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ConsentKit.IntegrationTests;

/// <summary>
/// Issue 10: the site option that lets visitors stop Notice modules too (<see cref="ExternalTransmissionOptions.LetVisitorsStopNoticeModules"/>).
/// Fixtures declare "video" as a Notice module.
/// </summary>
public class StoppableNoticeTests
{
    private static readonly Action<HttpRequestMessage> Origin = r => r.Headers.Add("Origin", "http://localhost");

    [Fact]
    public async Task R14_ByDefaultDeclineLeavesNoticeModulesSending()
    {
        await using var host = await TestHost.StartAsync();
        var visitor = new Visitor(host.Server);
        await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"reject-all"}""", Origin);
        (await StateAsync(visitor)).Should().Contain("video=Allowed");
    }

    [Fact]
    public async Task R14_WithTheOptionDeclineStopsNoticeModulesAndTheNoticePageOffersToResume()
    {
        await using var host = await TestHost.StartAsync(o => { Fixtures.Declare(o); o.LetVisitorsStopNoticeModules = true; });
        var visitor = new Visitor(host.Server);
        await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"reject-all"}""", Origin);
        (await StateAsync(visitor)).Should().Contain("video=OptedOut");

        var notice = new HtmlParser().ParseDocument(await (await visitor.GetAsync("/external-transmission")).Content.ReadAsStringAsync());
        notice.QuerySelector("#choice-video button[value=opt-in]").Should().NotBeNull("the notice page offers 送信を再開する");
        notice.QuerySelector("#module-video")!.TextContent.Should().Contain("このモジュールの送信も止められます");

        await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"opt-in","modules":["video"]}""", Origin);
        (await StateAsync(visitor)).Should().Contain("video=Allowed");
        await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"save","modules":["video"],"allowed":[]}""", Origin);
        (await StateAsync(visitor)).Should().Contain("video=OptedOut");
    }

    [Fact]
    public async Task R36_AStopSurvivesTheSiteTurningTheOptionOffAndTheBannerShowingAgain()
    {
        var keys = Directory.CreateTempSubdirectory("consentkit-keys-");
        void Keys(IServiceCollection s) => s.AddDataProtection().PersistKeysToFileSystem(keys).SetApplicationName("stoppable");
        string record;
        await using (var before = await TestHost.StartAsync(o => { Fixtures.Declare(o); o.LetVisitorsStopNoticeModules = true; }, services: Keys))
        {
            var visitor = new Visitor(before.Server);
            await visitor.PostJsonAsync("/external-transmission/choices", """{"action":"opt-out","modules":["video"]}""", Origin);
            (await StateAsync(visitor)).Should().Contain("video=OptedOut");
            record = visitor.Cookies[".ConsentKit"];
        }

        await using var after = await TestHost.StartAsync(services: Keys);
        var returning = new Visitor(after.Server);
        returning.SetCookie(".ConsentKit", record);
        (await StateAsync(returning)).Should().Contain("video=OptedOut", "the site's change never undoes a visitor's stop");

        // Answering the banner about other modules does not resume it either.
        await returning.PostJsonAsync("/external-transmission/choices", """{"action":"reject-all","modules":["analytics"]}""", Origin);
        (await StateAsync(returning)).Should().Contain("video=OptedOut");
    }

    private static async Task<string> StateAsync(Visitor visitor) => await (await visitor.GetAsync("/state")).Content.ReadAsStringAsync();
}
