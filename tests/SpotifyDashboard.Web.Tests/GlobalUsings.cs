// The namespaces most of the web's tests use; a file names only the rest.
global using System.Net;
global using System.Net.Http.Json;
global using System.Text.Json;
global using System.Text.Json.Nodes;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Options;
global using SpotifyDashboard.Core.Contracts;
global using SpotifyDashboard.Core.Contracts.Admin;
global using SpotifyDashboard.Core.Contracts.Dashboard;
global using SpotifyDashboard.Core.Music;
global using SpotifyDashboard.Core.Storage;
global using SpotifyDashboard.Web.Security;
global using SpotifyDashboard.Web.Services;
global using SpotifyDashboard.Web.Spotify;
global using SpotifyDashboard.Web.Tests.Infrastructure;
global using static SpotifyDashboard.Web.Tests.Pages.AnalysisSamples;
