using System.Text.Json;
using System.Text.Json.Serialization;

namespace Eventfold;

/// <summary>
/// Source-generated metadata for the events Eventfold itself stores (the saga log). A serializer made from the
/// application's context (<see cref="EventSerializer.Create(JsonSerializerContext, EventRegistry?)"/>) falls back
/// to it, so the application lists only its own types and a Native AOT saga log needs no reflection. Also the
/// primitive types a generated published state or snapshot may hold, so an application's context need not list them.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SagaStarted))]
[JsonSerializable(typeof(SagaStepCompleted))]
[JsonSerializable(typeof(SagaStepFailed))]
[JsonSerializable(typeof(SagaCompensationCompleted))]
[JsonSerializable(typeof(SagaCompensationFailed))]
[JsonSerializable(typeof(SagaEnded))]
[JsonSerializable(typeof(SagaRetried))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(byte))]
[JsonSerializable(typeof(short))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(float))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(DateTime))]
[JsonSerializable(typeof(DateTimeOffset))]
[JsonSerializable(typeof(DateOnly))]
[JsonSerializable(typeof(TimeOnly))]
[JsonSerializable(typeof(TimeSpan))]
[JsonSerializable(typeof(Uri))]
[JsonSerializable(typeof(bool?))]
[JsonSerializable(typeof(byte?))]
[JsonSerializable(typeof(short?))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(long?))]
[JsonSerializable(typeof(float?))]
[JsonSerializable(typeof(double?))]
[JsonSerializable(typeof(decimal?))]
[JsonSerializable(typeof(Guid?))]
[JsonSerializable(typeof(DateTime?))]
[JsonSerializable(typeof(DateTimeOffset?))]
[JsonSerializable(typeof(DateOnly?))]
[JsonSerializable(typeof(TimeOnly?))]
[JsonSerializable(typeof(TimeSpan?))]
internal sealed partial class EventfoldJsonContext : JsonSerializerContext;
