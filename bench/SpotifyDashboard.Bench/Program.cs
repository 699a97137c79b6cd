using System.Reflection;
using SpotifyDashboard.Bench;

var commands = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchCommand).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
    .Select(t => (IBenchCommand)Activator.CreateInstance(t)!)
    .OrderBy(c => c.Name)
    .ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine("usage: SpotifyDashboard.Bench <command> [options]");
    foreach (var c in commands.Values)
    {
        Console.Error.WriteLine($"  {c.Name,-10} {c.Usage}");
    }

    return args.Length == 0 ? 0 : 2;
}

return await command.RunAsync(args[1..]);
