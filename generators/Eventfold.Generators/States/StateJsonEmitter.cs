using Eventfold.Compiler;

namespace Eventfold.Generators.States;

/// <summary>
/// Writes a published state record's JSON converter, registered with <c>GeneratedJson</c>: System.Text.Json's
/// source generator cannot see a generated record, so without it a Native AOT application could not write or
/// read its published state. The JSON is what reflection writes (one property per member, named by the
/// options' naming policy) and it is read as strictly as Eventfold reads events: every member must be present,
/// and null only where the member's type allows it. Member values go through the options' own metadata.
/// </summary>
internal static class StateJsonEmitter
{
    private const string Json = "global::System.Text.Json.";
    private const string Helpers = "global::Eventfold.GeneratedJson.";

    public static void Write(SourceWriter w, PublishedStateSpec spec)
    {
        string record = spec.RecordFullName;
        w.Line("/// <summary>Writes and reads <see cref=\"" + record + "\"/> member by member, without reflection.</summary>");
        w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"Eventfold.Generators\", \"" + GeneratorInfo.Version + "\")]");
        w.Open("internal sealed class " + spec.JsonConverterClass + " : " + Json + "Serialization.JsonConverter<" + record + ">");
        w.Line("// The members' JSON names, in the record's order, as the options name them.");
        w.Line("private readonly string[] _names;");
        w.Line("private readonly " + Json + "JsonEncodedText[] _encodedNames;");
        w.Line();
        w.Open("public " + spec.JsonConverterClass + "(" + Json + "JsonSerializerOptions options)");
        w.Line("_names = new string[]");
        w.Line("{");
        foreach (var member in spec.Members)
        {
            w.Line("    " + Helpers + "PropertyName(" + member.Name.ToLiteral() + ", options),");
        }

        w.Line("};");
        w.Line("_encodedNames = global::System.Array.ConvertAll(_names, name => " + Json + "JsonEncodedText.Encode(name, options.Encoder));");
        w.Close();
        w.Line();
        WriteWrite(w, spec);
        w.Line();
        WriteRead(w, spec);
        w.Close();
    }

    private static void WriteWrite(SourceWriter w, PublishedStateSpec spec)
    {
        w.Open("public override void Write(" + Json + "Utf8JsonWriter writer, " + spec.RecordFullName + " value, " + Json + "JsonSerializerOptions options)");
        w.Line("writer.WriteStartObject();");
        for (int i = 0; i < spec.Members.Count; i++)
        {
            w.Line("writer.WritePropertyName(_encodedNames[" + i + "]);");
            w.Line(Helpers + "Write(writer, value." + CompilerNames.Identifier(spec.Members[i].Name) + ", options);");
        }

        w.Line("writer.WriteEndObject();");
        w.Close();
    }

    private static void WriteRead(SourceWriter w, PublishedStateSpec spec)
    {
        string record = spec.RecordFullName;
        w.Open("public override " + record + " Read(ref " + Json + "Utf8JsonReader reader, global::System.Type typeToConvert, " + Json + "JsonSerializerOptions options)");
        w.Open("if (reader.TokenType != " + Json + "JsonTokenType.StartObject)");
        w.Line("throw new " + Json + "JsonException(" + ("A published '" + spec.StateName + "' state is a JSON object.").ToLiteral() + ");");
        w.Close();
        w.Line();
        for (int i = 0; i < spec.Members.Count; i++)
        {
            var member = spec.Members[i];
            w.Line((member.RefusesNull ? member.Type + "? " + Local(member) + " = null;" : member.Type + " " + Local(member) + " = default;"));
        }

        w.Line("global::System.Span<bool> seen = stackalloc bool[" + spec.Members.Count + "];");
        w.Open("while (reader.Read() && reader.TokenType == " + Json + "JsonTokenType.PropertyName)");
        w.Line("int member = " + Helpers + "PropertyIndex(ref reader, _names, options);");
        w.Line("reader.Read();");
        w.Open("switch (member)");
        for (int i = 0; i < spec.Members.Count; i++)
        {
            var member = spec.Members[i];
            w.Line("case " + i + ":");
            w.Line("    " + Local(member) + " = " + Helpers + "Read<" + member.Type + ">(ref reader, options);");
            w.Line("    seen[" + i + "] = true;");
            w.Line("    break;");
        }

        w.Line("default:");
        w.Line("    reader.Skip(); // a member this version does not have");
        w.Line("    break;");
        w.Close();
        w.Close();
        w.Line();
        w.Open("for (int i = 0; i < " + spec.Members.Count + "; i++)");
        w.Open("if (!seen[i])");
        w.Line("throw " + Helpers + "MissingMember(typeof(" + record + "), _names[i]);");
        w.Close();
        w.Close();
        w.Line();
        for (int i = 0; i < spec.Members.Count; i++)
        {
            var member = spec.Members[i];
            if (member.RefusesNull)
            {
                w.Open("if (" + Local(member) + " is null)");
                w.Line("throw " + Helpers + "NullMember(typeof(" + record + "), _names[" + i + "]);");
                w.Close();
                w.Line();
            }
        }

        w.Line("return new " + record + "(" + string.Join(", ", System.Linq.Enumerable.Select(spec.Members, Local)) + ");");
        w.Close();
    }

    private static string Local(StateMemberSpec member) => "m_" + member.Name.TrimStart('@');
}
