using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConsentKit.Samples.RazorPages.Pages.Admin;

/// <summary>
/// Development only: signs in as an operator who may read consent records. Outside Development this page does not
/// exist; a real site signs its staff in with its own identity provider and gives them <see cref="ConsentRecordsAdmin.Role"/>.
/// </summary>
public sealed class LoginModel(IWebHostEnvironment environment) : PageModel
{
    public IActionResult OnGet() => environment.IsDevelopment() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "development operator"), new Claim(ClaimTypes.Role, ConsentRecordsAdmin.Role)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/admin/records");
    }
}
