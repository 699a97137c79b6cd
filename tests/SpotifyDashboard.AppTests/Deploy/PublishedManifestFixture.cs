namespace SpotifyDashboard.AppTests.Deploy;

/// <summary>
/// One manifest published with a known value for every secret, passed the ways a user could pass one: as the parameter
/// itself and as a secret-looking app setting (which the AppHost must refuse to forward). None may appear in the
/// manifest or on the console. One plain setting is passed too, to show that settings are forwarded at all.
/// </summary>
public sealed class PublishedManifestFixture : IAsyncLifetime
{
    public const string PlainSheetId = "1plain-sheet-id-forwarded";

    /// <summary>Every secret value given to the AppHost; each contains "leak-check" so a partial leak shows too.</summary>
    public static readonly IReadOnlyDictionary<string, string> Secrets = new Dictionary<string, string>
    {
        ["Parameters__admin-key"] = "leak-check-admin-key-3f9a1c",
        ["Parameters__spotify-client-id"] = "leak-check-spotify-client-id-77b2",
        ["Parameters__spotify-client-secret"] = "leak-check-spotify-client-secret-e41d",
        ["Parameters__google-service-account"] = """{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----leak-check-9d0e"}""",
        ["Parameters__pseudonym-key"] = "leak-check-pseudonym-key-0c5b",
        ["Parameters__internal-key"] = "leak-check-internal-key-a8f3",
        ["Parameters__data-protection-secret"] = "leak-check-data-protection-secret-6d1f",
        ["Parameters__cache-password"] = "leak-check-cache-password-51e7",
        ["Survey__ServiceAccount"] = "leak-check-service-account-setting-2b6c",
        ["Enrichment__AdminKey"] = "leak-check-admin-key-setting-c3d4",
        ["Privacy__PseudonymKey"] = "leak-check-pseudonym-key-setting-e5f6",
    };

    public PublishedManifest Manifest { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Manifest = await PublishedManifest.PublishAsync(new Dictionary<string, string>(Secrets) { ["Survey__SheetId"] = PlainSheetId });

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class PublishedManifestCollection : ICollectionFixture<PublishedManifestFixture>
{
    public const string Name = "published manifest";
}
