
using NUnit.Framework.Interfaces;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;
using PasswordManager.EndToEndTests.Infrastructure;
using static PasswordManager.BrowserTests.ConsoleFixture;

namespace PasswordManager.BrowserTests;

/// <summary>Browser steps the console tests share, and a screenshot of the page whenever a test fails.</summary>
internal static class ConsolePage
{
    public static IWebDriver Driver => Browser;

    /// <summary>Signs the browser in as <paramref name="pm"/>'s user through a fresh <c>pm admin console</c> link.</summary>
    public static async Task SignInAsync(PmCli pm, string password)
    {
        Driver.Manage().Cookies.DeleteAllCookies();
        Open("/admin/sign-in");
        Driver.Manage().Cookies.DeleteAllCookies();
        var link = await ConsoleLinkAsync(pm, password);
        Driver.Navigate().GoToUrl(link);
        Assert.That(Heading(), Is.EqualTo("Overview"), Driver.PageSource);
    }

    public static void Open(string path) => Driver.Navigate().GoToUrl(new Uri(Server.Address, path));

    public static string Heading() => Driver.FindElement(By.TagName("h1")).Text;

    public static IWebElement Find(By by) => Driver.FindElement(by);

    public static void Fill(string id, string value)
    {
        var field = Driver.FindElement(By.Id(id));
        field.Clear();
        field.SendKeys(value);
    }

    /// <summary>Clicks the button whose visible text is <paramref name="text"/> and waits for the next page.</summary>
    public static void Press(string text, IWebElement? within = null)
    {
        var button = (within ?? Driver.FindElement(By.TagName("main"))).FindElement(By.XPath($".//button[normalize-space(.)='{text}']"));
        var old = Driver.FindElement(By.TagName("html"));
        button.Click();
        new WebDriverWait(Driver, TimeSpan.FromSeconds(15)).Until(_ => IsStale(old));
    }

    public static string Notice() => Driver.FindElement(By.CssSelector("p.notice")).Text;

    /// <summary>The console session cookie the browser holds, for requests made outside the browser.</summary>
    public static OpenQA.Selenium.Cookie SessionCookie() => Driver.Manage().Cookies.GetCookieNamed("pm_console")
        ?? throw new AssertionException("The browser holds no console cookie.");

    public static HttpClient Http(bool followRedirects = false)
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = followRedirects,
            UseCookies = false,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null
                && certificate.GetPublicKeyString() == System.Security.Cryptography.X509Certificates.X509Certificate2
                    .CreateFromPem(File.ReadAllText(Ca.ServerCertificate)).GetPublicKeyString(),
        };
        return new HttpClient(handler) { BaseAddress = Server.Address };
    }

    public static HttpRequestMessage WithConsoleCookie(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", $"pm_console={SessionCookie().Value}");
        return request;
    }

    /// <summary>Saves a PNG of what the browser shows into the test's results (and returns its path).</summary>
    public static string Screenshot(string name, string? folder = null)
    {
        folder ??= Directory.CreateDirectory(Path.Combine(WorkFolder, "screenshots")).FullName;
        var path = Path.Combine(folder, name + ".png");
        ((ITakesScreenshot)Driver).GetScreenshot().SaveAsFile(path);
        return path;
    }

    public static void ScreenshotOnFailure()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status != TestStatus.Failed || Browser is null) return;
        var path = Screenshot($"failed-{TestContext.CurrentContext.Test.Name}");
        TestContext.AddTestAttachment(path, "The browser when the test failed");
        TestContext.Progress.WriteLine($"Screenshot of the failure: {path} ({Driver.Url})");
    }

    public static async Task<System.Net.HttpStatusCode> StatusOfAsync(HttpClient http, HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static bool IsStale(IWebElement element)
    {
        try
        {
            _ = element.Enabled;
            return false;
        }
        catch (StaleElementReferenceException)
        {
            return true;
        }
        catch (UnknownErrorException)
        {
            // Chromium's answer when the old page is torn down mid-call ("node does not belong to the document").
            return true;
        }
    }
}
