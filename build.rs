//! Embeds the application icon and the version information (what Explorer shows under
//! Properties → Details, and the name "Open with" lists) in the Windows programs, through
//! mingw's or the SDK's resource compiler (`winresource`). Nothing is done for other targets.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icon/akredit.ico");
    // The target, not the machine building it: a cross-build from Linux embeds them too.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut resource = winresource::WindowsResource::new();
    resource
        .set_icon("assets/icon/akredit.ico")
        // Ukrainian (0x0422): the language the version information is written in.
        .set_language(0x0422)
        .set("ProductName", "akredit")
        .set(
            "FileDescription",
            "akredit — акредитація центрів здоров’я (наказ МОЗ № 169)",
        )
        .set("CompanyName", "akredit")
        .set("LegalCopyright", "MIT OR Apache-2.0");
    if let Err(e) = resource.compile() {
        // A build script reports on standard error and fails the build with its status.
        eprintln!("cannot embed the icon and version information: {e}");
        std::process::exit(1);
    }
}
