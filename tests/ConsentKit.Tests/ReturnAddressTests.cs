using Microsoft.AspNetCore.Http;

namespace ConsentKit.Tests;

public class ReturnAddressTests
{
    [Fact]
    public void A_page_path_of_140_Japanese_characters_is_carried_whole_and_counted_decoded()
    {
        var path = "/" + new string('記', 140);
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Request.QueryString = new QueryString("?page=2");

        ReturnAddress.ForPage(context.Request).Should().Be(path + "?page=2");
        ReturnAddress.Local(path).Should().Be(path);
        Uri.UnescapeDataString(ReturnAddress.ToLocation(path)).Should().Be(path);
    }
}
