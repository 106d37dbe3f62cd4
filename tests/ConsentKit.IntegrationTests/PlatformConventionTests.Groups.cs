using System.Net;
using System.Text.Json;
using ConsentKit.Testing;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Xunit;

namespace ConsentKit.IntegrationTests;

/// <summary>Issue 17, MapGroup follow-ups: what must not move with the group prefix, and what must.</summary>
public sealed partial class PlatformConventionTests
{
    [Fact]
    public async Task The_GPC_statement_stays_at_the_site_root_when_the_notice_is_mapped_in_a_group()
    {
        await using var site = await StartAsync(e => e.MapGroup("/legal").MapExternalTransmissionNotice());
        var client = site.Server.CreateClient();

        var root = await client.GetAsync("/.well-known/gpc.json");
        root.StatusCode.Should().Be(HttpStatusCode.OK, "a well-known URI is defined at the origin's root (RFC 8615)");
        JsonDocument.Parse(await root.Content.ReadAsStringAsync()).RootElement.GetProperty("gpc").GetBoolean().Should().BeTrue();
        (await client.GetAsync("/legal/.well-known/gpc.json")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/legal/external-transmission")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_group_conventions_still_reach_the_GPC_statement_and_its_own_conventions_too()
    {
        await using var site = await StartAsync(e =>
        {
            var group = e.MapGroup("/legal");
            ((IEndpointConventionBuilder)group).Add(b => b.Metadata.Add("group-metadata"));
            var mapped = group.MapExternalTransmissionNotice();
            mapped.Gpc.Add(b => b.Metadata.Add("gpc-metadata"));
        }, beforeEndpoints: app => app.Use(async (context, next) =>
        {
            var endpoint = context.GetEndpoint();
            if (endpoint?.Metadata.GetMetadata<EndpointNameMetadata>()?.EndpointName == ConsentKitEndpointNames.Gpc)
            {
                context.Response.Headers["X-Metadata"] = string.Join(",", endpoint.Metadata.OfType<string>());
            }

            await next();
        }));

        var response = await site.Server.CreateClient().GetAsync("/.well-known/gpc.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("X-Metadata").Single().Should().Be("group-metadata,gpc-metadata");
    }

    [Theory]
    [InlineData(null, "/legal/external-transmission")]
    [InlineData("/site", "/site/legal/external-transmission")]
    public async Task R39_The_notice_JSON_names_the_path_the_notice_is_really_served_at(string? pathBase, string expected)
    {
        await using var site = await StartAsync(e => e.MapGroup("/legal").MapExternalTransmissionNotice(), pathBase: pathBase);
        var client = site.Server.CreateClient();

        var response = await client.GetAsync(expected + ".json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        json.GetProperty("noticePath").GetString().Should().Be(expected);
        (await client.GetAsync(json.GetProperty("noticePath").GetString())).StatusCode.Should().Be(HttpStatusCode.OK, "the path in the JSON is served");

        // The entity tag belongs to this document, not to the one at the declared path.
        var again = new HttpRequestMessage(HttpMethod.Get, expected + ".json");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        (await client.SendAsync(again)).StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task The_notice_JSON_at_the_root_is_unchanged()
    {
        await using var site = await StartAsync(e => e.MapExternalTransmissionNotice());
        var json = JsonDocument.Parse(await site.Server.CreateClient().GetStringAsync("/external-transmission.json")).RootElement;
        json.GetProperty("noticePath").GetString().Should().Be("/external-transmission");
    }

    [Fact]
    public async Task ConsentAudit_finds_the_notice_and_the_choices_endpoint_under_a_group_prefix()
    {
        await using var site = await StartAsync(e =>
        {
            e.MapGroup("/legal").MapExternalTransmissionNotice();
            // A page that emits the Consent module once allowed, with the footer link to the notice in its group.
            e.MapGet("/", (HttpContext context) =>
            {
                var allowed = context.GetExternalTransmission().Modules.Single(m => m.ModuleId == "analytics").Status == TransmissionStatus.Allowed;
                var script = allowed ? "<script src=\"https://analytics.example.com/a.js\"></script>" : "";
                return Results.Content(
                    "<!DOCTYPE html><html lang=\"ja\"><head><title>t</title>" + script + "</head><body>" +
                    "<a href=\"/legal/external-transmission\">利用者情報の外部送信について</a></body></html>", "text/html; charset=utf-8");
            });
        });

        var options = new ConsentAuditOptions { LinkDepth = 0 };
        var report = await ConsentAudit.AssertCompliantAsync(site.Host.Services, () => site.Server.CreateClient(), options);
        report.PagesVisited.Should().Contain("AcceptAll /");
    }
}
