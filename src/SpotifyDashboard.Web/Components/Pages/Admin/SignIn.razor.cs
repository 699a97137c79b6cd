namespace SpotifyDashboard.Web.Components.Pages.Admin;

/// <summary>
/// A plain HTML form (static rendering, antiforgery-checked by the form handler): the password never passes through a
/// circuit, and a successful sign-in sets the cookie on the response to the post before redirecting.
/// </summary>
public partial class SignIn
{
    private bool _failed;
    private int? _waitMinutes;

    [Inject]
    public required TeacherPassword Password { get; init; }

    [Inject]
    public required TeacherSessions Sessions { get; init; }

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
        var check = await Password.VerifyAsync(password, HttpContext.Connection.RemoteIpAddress, () => Sessions.SignInAsync(HttpContext), HttpContext.RequestAborted);
        if (check.IsRight)
        {
            Navigation.NavigateTo(SafeReturnUrl.Or(ReturnUrl));
            return;
        }

        if (check.RetryAfter is { } wait)
        {
            // Nothing is sent yet: the form's handler runs before the page renders, so the status still changes.
            _waitMinutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
            HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return;
        }

        _failed = true;
    }

    public sealed class SignInForm
    {
        public string? Password { get; set; }
    }
}
