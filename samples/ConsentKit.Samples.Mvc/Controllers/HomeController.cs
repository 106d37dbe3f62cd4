using Microsoft.AspNetCore.Mvc;

namespace ConsentKit.Samples.Mvc.Controllers;

/// <summary>The bookshop's pages.</summary>
public sealed class HomeController : Controller
{
    public IActionResult Index() => View();

    public IActionResult Store() => View();

    public IActionResult Error() => View();
}
