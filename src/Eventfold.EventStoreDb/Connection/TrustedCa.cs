using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Eventfold.EventStoreDb;

/// <summary>Checks a server certificate against one private CA (the connection string's <c>tlsCaFile</c>) rather than the machine's store.</summary>
internal static class TrustedCa
{
    public static X509Certificate2 Load(string path) => X509CertificateLoader.LoadCertificateFromFile(path);

    public static RemoteCertificateValidationCallback Validator(X509Certificate2 ca) => (_, certificate, _, errors) =>
    {
        // A wrong host name stays an error; only the chain is judged again, against the given CA alone.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    };
}
