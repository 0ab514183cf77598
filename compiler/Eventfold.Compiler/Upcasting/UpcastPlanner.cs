using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Eventfold.Compiler;

/// <summary>
/// Composes, for every stored version of every event name, the one chain of upcasters that leads to the
/// latest version, and finds the upcasters that break a chain. Works on values only: the generator plans
/// from its models, the analyzers from the same reading of the compilation, so a version the generator
/// gives no chain is always one an analyzer reports.
/// </summary>
/// <remarks>
/// An upcaster leads from version n of a name to the next version of that name: the lowest version above
/// n that an <c>[Event]</c> type or an upcaster of that name reads. Only names with an <c>[Event]</c> type in
/// the compilation are checked: the chains are composed per assembly.
/// </remarks>
internal static class UpcastPlanner
{
    private const string JsonObjectType = "global::" + UpcasterReader.JsonObject;

    public static UpcastHistory Plan(IReadOnlyList<EventVersion> events, IReadOnlyList<UpcasterStep> steps)
    {
        var history = new UpcastHistory();
        var types = new Dictionary<(string Name, int Version), string>();
        foreach (var e in events.OrderBy(e => e.TypeName, StringComparer.Ordinal))
        {
            history.Latest[e.Name] = Math.Max(e.Version, history.Latest.TryGetValue(e.Name, out int seen) ? seen : 0);
            if (!types.ContainsKey((e.Name, e.Version)))
            {
                types[(e.Name, e.Version)] = e.TypeName;
            }
        }

        var known = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        foreach (var version in types.Keys.Concat(steps.Select(s => (s.Name, Version: s.FromVersion))))
        {
            if (!known.TryGetValue(version.Name, out var set))
            {
                known[version.Name] = set = new SortedSet<int>();
            }

            set.Add(version.Version);
        }

        var from = steps
            .Select((step, index) => (step, index))
            .GroupBy(s => (s.step.Name, s.step.FromVersion))
            .ToDictionary(g => g.Key, g => g.Select(s => s.index).ToList());

        var valid = new bool[steps.Count];
        for (int i = 0; i < steps.Count; i++)
        {
            if (!history.Latest.ContainsKey(steps[i].Name))
            {
                continue; // a name declared elsewhere: not this assembly's chain
            }

            var group = from[(steps[i].Name, steps[i].FromVersion)];
            if (group.Count > 1)
            {
                string others = string.Join(", ", group.Where(j => j != i).Select(j => "'" + steps[j].Display + "'"));
                history.Problems.Add(new UpcasterProblem(i, UpcasterProblemKind.SameVersion, others));
            }

            if (CyclePath(steps, i) is { } cycle)
            {
                history.Problems.Add(new UpcasterProblem(i, UpcasterProblemKind.Cycle, cycle));
            }
            else if (WrongTarget(steps[i], history.Latest[steps[i].Name], known[steps[i].Name]) is { } wrong)
            {
                history.Problems.Add(new UpcasterProblem(i, UpcasterProblemKind.WrongTarget, wrong));
            }
            else
            {
                valid[i] = true;
            }
        }

        var methodNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in history.Latest.Keys.OrderBy(n => n, StringComparer.Ordinal))
        {
            int latest = history.Latest[name];
            foreach (int version in known[name].Where(v => v < latest))
            {
                var walk = new Walk(name, version, latest, steps, from, valid, types);
                if (walk.Plan(UniqueMethodName(name, version, methodNames)) is { } chain)
                {
                    history.Chains.Add(chain);
                }
                else
                {
                    history.Unreadable[(name, version)] = walk.Reason;
                }
            }
        }

        return history;
    }

    /// <summary>Why the step does not lead to the next version of its name, or null when it does.</summary>
    private static string? WrongTarget(UpcasterStep step, int latest, SortedSet<int> known)
    {
        if (!string.Equals(step.ToName, step.Name, StringComparison.Ordinal))
        {
            return $"it returns version {step.ToVersion} of '{step.ToName}', another event";
        }

        if (step.ToVersion <= step.FromVersion)
        {
            return $"it returns version {step.ToVersion}, which is not later";
        }

        if (step.ToVersion > latest)
        {
            return $"it produces version {step.ToVersion}, and the latest version of '{step.Name}' is {latest}";
        }

        int next = known.Where(v => v > step.FromVersion).DefaultIfEmpty(step.ToVersion).Min();
        if (step.Kind == UpcasterKind.Typed && next < step.ToVersion)
        {
            return $"it returns version {step.ToVersion}, skipping version {next}, which is declared: events read from version {step.FromVersion} would miss the upcaster of version {next}";
        }

        if (!known.Contains(step.ToVersion))
        {
            return $"it produces version {step.ToVersion}, which no [Event] type and no upcaster of '{step.Name}' reads";
        }

        return null;
    }

    /// <summary>The cycle through step <paramref name="index"/>, written out ("'a' 1 -> 2 -> 1"), or null when it is on none.</summary>
    private static string? CyclePath(IReadOnlyList<UpcasterStep> steps, int index)
    {
        var start = (steps[index].ToName, steps[index].ToVersion);
        var goal = (steps[index].Name, steps[index].FromVersion);
        var parent = new Dictionary<(string, int), (string, int)>();
        var pending = new Queue<(string Name, int Version)>();
        pending.Enqueue(start);
        parent[start] = start;
        while (pending.Count > 0)
        {
            var node = pending.Dequeue();
            if (node == goal)
            {
                var path = new List<(string Name, int Version)> { goal };
                for (var at = node; at != start; at = parent[at])
                {
                    path.Add(parent[at]);
                }

                path.Reverse();
                path.Insert(0, goal);
                return Describe(path);
            }

            foreach (var step in steps)
            {
                var next = (step.ToName, step.ToVersion);
                if (step.Name == node.Name && step.FromVersion == node.Version && !parent.ContainsKey(next))
                {
                    parent[next] = node;
                    pending.Enqueue(next);
                }
            }
        }

        return null;
    }

    private static string Describe(List<(string Name, int Version)> path)
    {
        var text = new StringBuilder();
        string? previous = null;
        foreach (var (name, version) in path)
        {
            if (previous is not null)
            {
                text.Append(" -> ");
            }

            if (!string.Equals(previous, name, StringComparison.Ordinal))
            {
                text.Append('\'').Append(name).Append("' ");
            }

            text.Append(version);
            previous = name;
        }

        return text.ToString();
    }

    /// <summary>"Read_invoice_paid_V1": the name's letters and digits, '_' for the rest, unique in the class.</summary>
    private static string UniqueMethodName(string name, int version, HashSet<string> taken)
    {
        var id = new StringBuilder("Read_");
        foreach (char c in name)
        {
            id.Append(char.IsLetterOrDigit(c) && c < 128 ? c : '_');
        }

        id.Append("_V").Append(version);
        string candidate = id.ToString();
        for (int n = 2; !taken.Add(candidate); n++)
        {
            candidate = id + "_" + n;
        }

        return candidate;
    }

    /// <summary>The walk from one stored version to the latest, one upcaster per version, writing the links as it goes.</summary>
    private sealed class Walk(
        string name,
        int version,
        int latest,
        IReadOnlyList<UpcasterStep> steps,
        Dictionary<(string, int), List<int>> from,
        bool[] valid,
        Dictionary<(string Name, int Version), string> types)
    {
        private readonly List<ChainLink> _links = new();
        private readonly List<string> _summary = new();

        public UnreadableReason Reason { get; private set; }

        public UpcastChainPlan? Plan(string methodName)
        {
            // What the chain holds at the current version: the payload (""), an event object or a JSON object.
            string holding = "";
            string holdingType = "";
            int current = version;
            while (current < latest)
            {
                // Only upcasters that lead to the next version count; EVF040 reports every pair from one version.
                var leading = from.TryGetValue((name, current), out var group) ? group.Where(i => valid[i]).ToList() : new List<int>();
                if (leading.Count != 1)
                {
                    Reason = leading.Count > 1 ? UnreadableReason.Ambiguous : UnreadableReason.NoPath;
                    return null;
                }

                var step = steps[leading[0]];
                string input;
                if (step.Kind == UpcasterKind.Typed)
                {
                    input = holdingType == step.FromType ? holding : Read(step.FromType, current, holding, holdingType);
                    if (input.Length == 0)
                    {
                        Reason = UnreadableReason.NoPath;
                        return null;
                    }

                    holding = Variable(step.ToVersion, json: false);
                    holdingType = step.ToType;
                }
                else
                {
                    input = holdingType == JsonObjectType ? holding : AsJson(current, holding, holdingType);
                    holding = Variable(step.ToVersion, json: true);
                    holdingType = JsonObjectType;
                }

                _links.Add(new ChainLink(ChainLinkKind.Upcast, current, holdingType, step.Method, input, holding));
                _summary.Add($"{step.Display} ({(step.Kind == UpcasterKind.Json ? "JSON, " : "")}{current} to {step.ToVersion})");
                current = step.ToVersion;
            }

            if (!types.TryGetValue((name, latest), out var latestType))
            {
                Reason = UnreadableReason.NoPath;
                return null;
            }

            string result = holdingType == latestType ? holding : Read(latestType, latest, holding, holdingType);
            if (result.Length == 0)
            {
                Reason = UnreadableReason.NoPath;
                return null;
            }

            return new UpcastChainPlan(name, version, latest, methodName, _links, result, string.Join(", then ", _summary));
        }

        /// <summary>The variable holding <paramref name="type"/> at <paramref name="at"/>, read from the payload or from JSON; "" when what is held cannot become it.</summary>
        private string Read(string type, int at, string holding, string holdingType)
        {
            if (holding.Length > 0 && holdingType != JsonObjectType)
            {
                return ""; // another type of the same version (EVF004): no chain
            }

            string output = Variable(at, json: false);
            _links.Add(new ChainLink(holding.Length == 0 ? ChainLinkKind.ReadPayload : ChainLinkKind.ReadJson, at, type, "", holding, output));
            return output;
        }

        private string AsJson(int at, string holding, string holdingType)
        {
            string output = Variable(at, json: true);
            _links.Add(holding.Length == 0
                ? new ChainLink(ChainLinkKind.ReadPayloadAsJson, at, JsonObjectType, "", "", output)
                : new ChainLink(ChainLinkKind.WriteJson, at, holdingType, "", holding, output));
            return output;
        }

        private static string Variable(int at, bool json) => json ? $"v{at}Json" : $"v{at}";
    }
}
