using Microsoft.AspNetCore.Components;
using SpotifyDashboard.Web.Security;

namespace SpotifyDashboard.Web.Components.Pages.Admin;

/// <summary>
/// A plain HTML form (static rendering, antiforgery-checked by the form handler): the password never passes through a
/// circuit, and a successful sign-in sets the cookie on the response to the post before redirecting.
/// </summary>
public partial class SignIn
{
    private bool _failed;

    [Inject]
    public required TeacherPassword Password { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [CascadingParameter]
    public required HttpContext HttpContext { get; set; }

    [SupplyParameterFromQuery(Name = TeacherSignIn.ReturnUrlParameter)]
    public string? ReturnUrl { get; set; }

    [SupplyParameterFromForm(FormName = "teacher-signin")]
    public SignInForm? Input { get; set; }

    protected override void OnInitialized() => Input ??= new SignInForm();

    private async Task SignInAsync()
    {
        var password = Input!.Password;
        // Never sent back: the form renders empty whatever happens.
        Input.Password = null;
        if (await Password.VerifyAsync(password, HttpContext.Connection.RemoteIpAddress, HttpContext.RequestAborted))
        {
            await HttpContext.SignInTeacherAsync();
            Navigation.NavigateTo(SafeReturnUrl.Or(ReturnUrl));
            return;
        }

        _failed = true;
    }

    public sealed class SignInForm
    {
        public string? Password { get; set; }
    }
}
