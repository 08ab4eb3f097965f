//! Paging: 60 certificates through the SDK's pager, page sizes, absolute nextLinks, maxresults.

mod support;

use azure_security_keyvault_certificates::models::{
    CertificateClientListCertificatePropertiesOptions, ImportCertificateParameters,
};
use futures::future::join_all;
use support::{Server, collect, fixtures::Leaf, fixtures::b64, id_name};

const COUNT: usize = 60;

#[tokio::test]
async fn sixty_certificates_page_through() {
    let server = Server::single().await;
    let url = server.first_url();
    let client = server.certificates(&url);
    let pfx = b64(&Leaf::new("paged.test").pfx("", false));
    let imports = (0..COUNT).map(|i| {
        let params = ImportCertificateParameters {
            base64_encoded_certificate: Some(pfx.clone()),
            ..Default::default()
        };
        let client = &client;
        async move {
            client
                .import_certificate(&format!("paged-{i:02}"), params.try_into().unwrap(), None)
                .await
                .unwrap()
        }
    });
    join_all(imports).await;

    let all = collect(client.list_certificate_properties(None).unwrap()).await;
    let mut names: Vec<_> = all
        .iter()
        .map(|c| id_name(c.id.as_deref().unwrap()))
        .collect();
    names.sort();
    let expected: Vec<_> = (0..COUNT).map(|i| format!("paged-{i:02}")).collect();
    assert_eq!(names, expected, "each certificate exactly once");
    assert!(
        all.iter()
            .all(|c| c.id.as_deref().unwrap().split('/').count() == 5),
        "list ids carry no version"
    );

    let options = CertificateClientListCertificatePropertiesOptions {
        maxresults: Some(7),
        ..Default::default()
    };
    assert_eq!(
        collect(client.list_certificate_properties(Some(options)).unwrap())
            .await
            .len(),
        COUNT
    );

    // Page sizes and links, seen raw.
    let raw = server.raw(&url);
    let mut sizes = vec![];
    let mut next = Some(raw.url("certificates"));
    while let Some(link) = next.take() {
        assert!(
            link.starts_with(url.trim_end_matches('/')),
            "nextLink is absolute on this vault: {link}"
        );
        let reply = raw.get(&link[raw.base.len()..]).await;
        assert_eq!(reply.status.as_u16(), 200);
        sizes.push(reply.body["value"].as_array().unwrap().len());
        next = reply.body["nextLink"].as_str().map(str::to_string);
        assert!(sizes.len() < 10, "paging terminates");
    }
    assert_eq!(sizes.iter().sum::<usize>(), COUNT);
    assert_eq!(sizes[0], 25, "default page size is 25");
    for bad in ["0", "26", "x"] {
        let reply = raw.get(&format!("certificates?maxresults={bad}")).await;
        assert_eq!(reply.status.as_u16(), 400, "maxresults={bad}");
    }
    let reply = raw.get("certificates?maxresults=10").await;
    assert_eq!(reply.body["value"].as_array().unwrap().len(), 10);
}
