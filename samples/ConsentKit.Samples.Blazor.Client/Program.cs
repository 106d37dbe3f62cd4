using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);

// ConsentKit: "may module X send?" in the browser, with the visitor's state carried over from prerendering.
builder.Services.AddExternalTransmissionConsent();

await builder.Build().RunAsync();
