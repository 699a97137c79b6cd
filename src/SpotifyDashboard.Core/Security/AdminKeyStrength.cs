namespace SpotifyDashboard.Core.Security;

/// <summary>
/// Whether the admin key is good enough to guard the teacher's pages. The web's sign-in refuses guessing after a few tries,
/// but a short key or one from a list of well-known passwords falls to the first few guesses all the same.
/// </summary>
public static class AdminKeyStrength
{
    public const int MinimumLength = 16;

    /// <summary>How many different characters a key needs at least ("aaaaaaaaaaaaaaaa" is long and still one guess).</summary>
    public const int MinimumDistinctCharacters = 6;

    /// <summary>
    /// Passwords and passphrases that every guessing list starts with, compared without case, spaces or punctuation;
    /// a key made of one of them with digits around it counts as the same.
    /// </summary>
    private static readonly string[] WellKnown =
    [
        "password", "passw0rd", "admin", "administrator", "changeme", "letmein", "welcome", "qwerty", "qwertyuiop",
        "asdfghjkl", "iloveyou", "secret", "teacher", "spotify", "spotifydashboard", "dashboard", "default", "monkey",
        "dragon", "football", "baseball", "sunshine", "princess", "trustno1", "abcdefghijklmnop", "abcdefghijklmnopqrstuvwxyz",
        "correcthorsebatterystaple", "thequickbrownfoxjumpsoverthelazydog", "adminkey", "myadminkey", "supersecret",
        "supersecretpassword", "mysecretpassword", "test", "testkey", "testadminkey", "example", "yourkeyhere", "value",
        "alongrandomvalue", "changethis", "pleasechangeme",
    ];

    /// <summary>Null when <paramref name="key"/> will do; otherwise why not, in words for the teacher (never the key itself).</summary>
    public static string? Problem(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        if (key.Length < MinimumLength)
        {
            return $"The admin key is too short: it has {key.Length} characters and needs at least {MinimumLength}.";
        }

        if (key.Distinct().Count() < MinimumDistinctCharacters)
        {
            return $"The admin key repeats too few characters (it needs at least {MinimumDistinctCharacters} different ones).";
        }

        var letters = new string([.. key.Where(char.IsLetter).Select(char.ToLowerInvariant)]);
        var lettersAndDigits = new string([.. key.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
        if (lettersAndDigits.All(char.IsDigit) || IsRun(lettersAndDigits))
        {
            return "The admin key is a well-known kind of password (only digits, or a run like 1234… or abcd…).";
        }

        if (WellKnown.Contains(letters, StringComparer.Ordinal) || WellKnown.Contains(lettersAndDigits, StringComparer.Ordinal))
        {
            return "The admin key is a well-known password or passphrase that guessing lists try first.";
        }

        return null;
    }

    private static bool IsRun(string text) =>
        text.Length > 1 && Enumerable.Range(1, text.Length - 1).All(i => text[i] - text[i - 1] == 1);
}
