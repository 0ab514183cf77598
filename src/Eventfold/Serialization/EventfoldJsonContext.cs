using System.Text.Json;
using System.Text.Json.Serialization;

namespace Eventfold;

/// <summary>
/// Source-generated metadata for the events Eventfold itself stores (the saga log). A serializer made from the
/// application's context (<see cref="EventSerializer.Create(JsonSerializerContext, EventRegistry?)"/>) falls back
/// to it, so the application lists only its own types and a Native AOT saga log needs no reflection.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SagaStarted))]
[JsonSerializable(typeof(SagaStepCompleted))]
[JsonSerializable(typeof(SagaStepFailed))]
[JsonSerializable(typeof(SagaCompensationCompleted))]
[JsonSerializable(typeof(SagaCompensationFailed))]
[JsonSerializable(typeof(SagaEnded))]
[JsonSerializable(typeof(SagaRetried))]
internal sealed partial class EventfoldJsonContext : JsonSerializerContext;
