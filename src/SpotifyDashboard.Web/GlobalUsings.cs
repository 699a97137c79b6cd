// The namespaces most of the web's files use; a file names only the rest.
global using System.Globalization;
global using System.Security.Cryptography;
global using System.Text;
global using System.Text.Json;
global using Microsoft.AspNetCore.Components;
global using Microsoft.Extensions.Options;
global using SpotifyDashboard.Core.Configuration;
global using SpotifyDashboard.Core.Contracts;
global using SpotifyDashboard.Core.Contracts.Admin;
global using SpotifyDashboard.Core.Contracts.Dashboard;
global using SpotifyDashboard.Core.Storage;
global using SpotifyDashboard.Web.Components.Controls.Chart;
global using SpotifyDashboard.Web.Security;
global using SpotifyDashboard.Web.Services;
