using SpotifyDashboard.Core.Privacy;

namespace SpotifyDashboard.Core.Tests.Privacy;

public class PseudonymizerTests
{
    [Fact]
    public void SamePersonKeepsTheSameHandle()
    {
        var pseudonymizer = new Pseudonymizer("key-1");
        Assert.Equal(pseudonymizer.HandleFor("Ana María López"), pseudonymizer.HandleFor("  ana  maría LÓPEZ "));
    }

    [Fact]
    public void HandleDependsOnTheKey()
    {
        var names = Enumerable.Range(0, 20).Select(i => $"Student {i}").ToList();
        var a = names.Select(new Pseudonymizer("key-1").HandleFor).ToList();
        var b = names.Select(new Pseudonymizer("key-2").HandleFor).ToList();
        Assert.True(a.Zip(b).Count(p => p.First == p.Second) < 2);
    }

    [Fact]
    public void HandleNeverContainsTheName()
    {
        var handle = new Pseudonymizer("key").HandleFor("Rosalind Franklin");
        Assert.DoesNotContain("Rosalind", handle, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Franklin", handle, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(@"^[A-Z][a-z]+ [A-Z][a-z]+ [0-9a-f]{4}$", handle);
    }

    [Fact]
    public void DistinctNamesRarelyCollide()
    {
        var pseudonymizer = new Pseudonymizer("key");
        var handles = Enumerable.Range(0, 1000).Select(i => pseudonymizer.HandleFor($"Person {i}")).ToList();
        Assert.Equal(handles.Count, handles.Distinct().Count());
    }
}
