namespace Eventfold;

/// <summary>
/// Reads one stored version of an event name as its latest type: a method the event registry generator
/// writes per stored version, which calls every upcaster on the way directly, in order, typed and JSON
/// steps mixed. <see cref="EventSerializer"/> runs it in place of a search through single upcasters.
/// </summary>
/// <param name="payload">The stored JSON.</param>
/// <param name="context">Reads and converts payloads with the serializer's options and remembers the step under way, so a failure names it.</param>
public delegate object UpcastChain(ReadOnlySpan<byte> payload, ref UpcastChainContext context);
