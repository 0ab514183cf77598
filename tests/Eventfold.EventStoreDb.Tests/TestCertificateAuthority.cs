using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Eventfold.EventStoreDb.Tests;

/// <summary>A throwaway CA certificate written to a temporary PEM file, deleted on dispose.</summary>
internal sealed class TestCertificateAuthority : IDisposable
{
    public TestCertificateAuthority()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"eventfold-ca-{Guid.NewGuid():N}.crt");
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Eventfold unrelated test CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path, ca.ExportCertificatePem());
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
