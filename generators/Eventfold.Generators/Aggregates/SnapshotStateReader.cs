using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Eventfold.Compiler;
using Microsoft.CodeAnalysis;

namespace Eventfold.Generators.Aggregates;

/// <summary>
/// Reads the state a snapshot captures through <see cref="SnapshotRules"/>, the reading the analyzers
/// report EVF043 and EVF044 from: with any problem the aggregate gets no snapshot support at all, and the
/// first reason goes into the spec (and a comment in the generated file).
/// </summary>
internal static class SnapshotStateReader
{
    /// <summary>Bumped when the generated JSON layout changes, so every older snapshot is ignored.</summary>
    private const string LayoutVersion = "1";

    public static SnapshotSpec Read(INamedTypeSymbol type, CancellationToken ct)
    {
        var (captured, problems) = SnapshotRules.Read(type, ct);
        if (problems.Count > 0)
        {
            return SnapshotSpec.Unsupported(problems[0].Value.Reason);
        }

        var members = captured
            .Select(m => new SnapshotMemberSpec(m.Name, m.Type.ToFullyQualifiedName(), m.RefillElement?.ToFullyQualifiedName()))
            .ToList();
        return new SnapshotSpec(Hash(members), members.ToEquatableArray(), UnsupportedReason: null);
    }

    /// <summary>FNV-1a (64 bit) over the layout version and each member's name and type, in name order.</summary>
    private static string Hash(List<SnapshotMemberSpec> members)
    {
        var text = new StringBuilder(LayoutVersion);
        foreach (var member in members)
        {
            text.Append(';').Append(member.Name).Append(':').Append(member.Type).Append(member.ElementType is null ? "=" : "+=");
        }

        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text.ToString()))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash.ToString("x16");
    }
}
