using Eventfold.Compiler;

namespace Eventfold.Generators.Aggregates;

/// <summary>
/// Writes an aggregate's snapshot capture and restore: a JSON object with one property per captured
/// member, written and read through the members themselves with <c>Utf8JsonWriter</c>, <c>Utf8JsonReader</c>
/// and the metadata the options resolve for each member's type (<c>GeneratedJson</c>): no reflection over the
/// aggregate, and nothing a Native AOT publish warns about.
/// </summary>
internal static class SnapshotEmitter
{
    private const string Json = "global::System.Text.Json.";

    public static void Write(SourceWriter w, SnapshotSpec snapshot, string contract)
    {
        if (snapshot.UnsupportedReason is { } reason)
        {
            w.Line("// No snapshots: " + reason + ". Every load replays all events.");
            w.Line();
            return;
        }

        w.Line("// The hash of the captured members' names and types: a snapshot of another shape is never restored.");
        w.Line("static string? " + contract + ".SnapshotShape => " + snapshot.ShapeHash.ToLiteral() + ";");
        w.Line();
        WriteCapture(w, snapshot, contract);
        WriteRestore(w, snapshot, contract);
    }

    private static void WriteCapture(SourceWriter w, SnapshotSpec snapshot, string contract)
    {
        w.Open("void " + contract + ".WriteSnapshot(" + Json + "Utf8JsonWriter writer, " + Json + "JsonSerializerOptions options)");
        w.Line("writer.WriteStartObject();");
        foreach (var member in snapshot.Members)
        {
            w.Line("writer.WritePropertyName(" + member.Name.ToLiteral() + ");");
            w.Line("global::Eventfold.GeneratedJson.Write(writer, this." + CompilerNames.Identifier(member.Name) + ", options);");
        }

        w.Line("writer.WriteEndObject();");
        w.Close();
        w.Line();
    }

    // Every member must appear exactly once; anything else is a corrupt snapshot (JsonException), and
    // the repository replays in full into a fresh instance.
    private static void WriteRestore(SourceWriter w, SnapshotSpec snapshot, string contract)
    {
        w.Open("void " + contract + ".RestoreSnapshot(global::System.ReadOnlySpan<byte> json, long version, " + Json + "JsonSerializerOptions options)");
        w.Line("var reader = new " + Json + "Utf8JsonReader(json);");
        w.Open("if (!reader.Read() || reader.TokenType != " + Json + "JsonTokenType.StartObject)");
        w.Line("throw new " + Json + "JsonException(\"The snapshot is not a JSON object.\");");
        w.Close();
        w.Line();
        w.Line("int restored = 0;");
        w.Open("while (reader.Read() && reader.TokenType == " + Json + "JsonTokenType.PropertyName)");
        bool first = true;
        foreach (var member in snapshot.Members)
        {
            w.Open((first ? "if" : "else if") + " (reader.ValueTextEquals(" + member.Name.ToLiteral() + "u8))");
            w.Line("reader.Read();");
            if (member.ElementType is null)
            {
                w.Line("this." + CompilerNames.Identifier(member.Name) + " = global::Eventfold.GeneratedJson.Read<" + member.Type + ">(ref reader, options)!;");
            }
            else
            {
                w.Line("var items = global::Eventfold.GeneratedJson.Read<" + member.Type + ">(ref reader, options)");
                w.Line("    ?? throw new " + Json + "JsonException(" + ("The snapshot holds null for '" + member.Name + "'.").ToLiteral() + ");");
                w.Line("var target = (global::System.Collections.Generic.ICollection<" + member.ElementType + ">)this." + CompilerNames.Identifier(member.Name) + ";");
                w.Line("target.Clear();");
                w.Open("foreach (var item in (global::System.Collections.Generic.IEnumerable<" + member.ElementType + ">)items)");
                w.Line("target.Add(item);");
                w.Close();
                w.Line();
            }

            w.Line("restored++;");
            w.Close();
            first = false;
        }

        string unknown = "throw new " + Json + "JsonException(\"The snapshot holds a member the aggregate does not: \" + reader.GetString());";
        if (first)
        {
            w.Line(unknown);
        }
        else
        {
            w.Open("else");
            w.Line(unknown);
            w.Close();
        }
        w.Close();
        w.Line();
        w.Open("if (reader.TokenType != " + Json + "JsonTokenType.EndObject || restored != " + snapshot.Members.Count + ")");
        w.Line("throw new " + Json + "JsonException(\"The snapshot does not hold each of the aggregate's " + snapshot.Members.Count + " members exactly once.\");");
        w.Close();
        w.Line();
        w.Line("Version = version;");
        w.Close();
        w.Line();
    }
}
