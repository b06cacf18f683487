using System.Reflection;
using FtpMount.Cli.Options;

namespace FtpMount.Cli.Tests.Options;

/// <summary>
/// The rule that keeps adding an option to one place: an option is its entry in <see cref="MountOptionDescriptors"/> plus
/// the property of <see cref="MountOptionValues"/> its handlers set. A property no option sets (a value that belongs on
/// <see cref="MountRequest"/>, or a forgotten handler) and an option that sets nothing both fail here.
/// </summary>
public sealed class MountOptionValuesTests
{
    /// <summary>
    /// Values tried on every option name; each option must accept at least one. Some options (rw, passive, symlinks=block)
    /// only restore a default, so they are also applied after every other option, where they do change something.
    /// </summary>
    private static readonly string?[] SampleValues =
    [
        null, "0", "1", "2", "022", "0.5", "block", "hide", "none", "explicit", "implicit", "trace", "error",
        "latin1", "10M", "4M:512k", "full", "30d", "alice", "bob", "MY_VARIABLE", "/tmp/a", "/tmp/b", "host.example",
        new string('a', 64), new string('b', 64),
    ];

    private static readonly PropertyInfo[] Settable = typeof(MountOptionValues)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(property => property.SetMethod is { IsPublic: true })
        .ToArray();

    private static readonly Lazy<Dictionary<string, HashSet<string>>> SetByOption = new(FindWhatEachOptionSets);

    [Fact]
    public void The_values_record_has_settable_properties_to_check()
    {
        // Guards the reflection below: a record whose properties were all made get-only would pass vacuously.
        Assert.Contains(Settable, property => property.Name == nameof(MountOptionValues.ReadOnly));
        Assert.True(Settable.Length >= 30, $"only {Settable.Length} settable properties found on MountOptionValues");
    }

    [Fact]
    public void Every_option_accepts_a_sample_value_and_sets_a_property_of_the_values_record()
    {
        foreach (var (name, properties) in SetByOption.Value)
        {
            Assert.True(
                properties.Count > 0,
                $"Option {name} sets no property of MountOptionValues (or accepts none of SampleValues: add one it accepts).");
        }
    }

    [Fact]
    public void Every_property_of_the_values_record_is_set_by_an_option()
    {
        var set = SetByOption.Value.Values.SelectMany(properties => properties).ToHashSet(StringComparer.Ordinal);
        var unset = Settable.Select(property => property.Name).Where(name => !set.Contains(name)).ToList();
        Assert.True(
            unset.Count == 0,
            $"MountOptionValues.{string.Join(", ", unset)} is set by no -o option: give it a handler in " +
            "MountOptionDescriptors, or, if no option sets it, put it on MountRequest instead.");
    }

    [Fact]
    public void Options_set_the_property_they_are_named_for()
    {
        // Spot checks that the reflection reads what the handlers do, not just that something changed.
        var sets = SetByOption.Value;
        Assert.Equal(["ReadOnly"], sets["rw"]);
        Assert.Equal(["DataConnectionMode"], sets["passive"]);
        Assert.Equal(["OutsideLinks"], sets["symlinks"]);
        Assert.Equal(["PasswordFile"], sets["password_file"]);
        Assert.Equal(["Tls"], sets["tls"]);
    }

    /// <summary>For each option name, the properties that applying it changed, from the defaults or after any other option.</summary>
    private static Dictionary<string, HashSet<string>> FindWhatEachOptionSets()
    {
        var handlers = MountOptionDescriptors.All.SelectMany(entry => entry.Handlers).ToList();
        var defaults = new MountOptionValues();
        var accepted = new List<(MountOptionHandler Handler, MountOption Option)>();
        var states = new List<MountOptionValues> { defaults };
        foreach (var handler in handlers)
        {
            foreach (var value in SampleValues)
            {
                var option = new MountOption(handler.Name, value);
                if (TryApply(handler, option, defaults) is { } state)
                {
                    accepted.Add((handler, option));
                    states.Add(state);
                }
            }
        }

        var sets = handlers.ToDictionary(
            handler => handler.Name, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (handler, option) in accepted)
        {
            foreach (var before in states)
            {
                var after = handler.Apply(option, before, "/");
                sets[handler.Name].UnionWith(
                    Settable.Where(p => !Equals(p.GetValue(before), p.GetValue(after))).Select(p => p.Name));
            }
        }

        return sets;
    }

    private static MountOptionValues? TryApply(MountOptionHandler handler, MountOption option, MountOptionValues values)
    {
        try
        {
            return handler.Apply(option, values, "/");
        }
        catch (CommandLineException)
        {
            return null;
        }
    }
}
