//! Windows: a file only its owner may open — the private key's protection where Unix has
//! mode 0600.
//!
//! A file under `%APPDATA%` inherits its folder's access list, which already leaves out
//! other ordinary users, but still lets in SYSTEM and the Administrators group, and a key
//! copied or restored elsewhere inherits whatever that folder allows. So the key file gets
//! an access list of its own, protected from inheritance, with one entry: full access for
//! the file's owner. It is set through the open handle, before a byte of the key is
//! written, so the key is never readable by anyone else, not for a moment.

use std::fs::File;
use std::io;
use std::os::windows::io::AsRawHandle;
use std::path::Path;
use std::ptr::{null, null_mut};

use windows_sys::Win32::Foundation::{ERROR_SUCCESS, LocalFree};
use windows_sys::Win32::Security::Authorization::{
    ConvertSecurityDescriptorToStringSecurityDescriptorW,
    ConvertStringSecurityDescriptorToSecurityDescriptorW, GetSecurityInfo, SDDL_REVISION_1,
    SE_FILE_OBJECT, SetSecurityInfo,
};
use windows_sys::Win32::Security::{
    ACL, DACL_SECURITY_INFORMATION, GetSecurityDescriptorDacl, PROTECTED_DACL_SECURITY_INFORMATION,
    PSECURITY_DESCRIPTOR,
};

/// The access list, in the security descriptor language: protected from inheritance
/// (`P`), one entry allowing (`A`) full file access (`FA`) to the owner (`OW`, the Owner
/// Rights identity: whoever owns the file, the user who made it).
pub const OWNER_ONLY: &str = "D:P(A;;FA;;;OW)";

/// Gives `file` (opened with `WRITE_DAC` access) the owner-only access list.
pub fn restrict(file: &File) -> io::Result<()> {
    let descriptor = Descriptor::parse(OWNER_ONLY)?;
    let mut present = 0;
    let mut defaulted = 0;
    let mut dacl: *mut ACL = null_mut();
    // SAFETY: the descriptor is valid while `descriptor` lives; the out-pointers are ours.
    if unsafe { GetSecurityDescriptorDacl(descriptor.0, &mut present, &mut dacl, &mut defaulted) }
        == 0
    {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: the handle is the open file's; `dacl` points into `descriptor`, alive here.
    let status = unsafe {
        SetSecurityInfo(
            file.as_raw_handle(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
            null_mut(),
            null_mut(),
            dacl,
            null(),
        )
    };
    if status == ERROR_SUCCESS {
        Ok(())
    } else {
        Err(io::Error::from_raw_os_error(status as i32))
    }
}

/// The access list of the file at `path`, in the security descriptor language (what a
/// test compares with [`OWNER_ONLY`]).
pub fn access_list(path: &Path) -> io::Result<String> {
    let file = File::open(path)?;
    let mut descriptor: PSECURITY_DESCRIPTOR = null_mut();
    // SAFETY: the handle is the open file's; the system allocates `descriptor`, freed below.
    let status = unsafe {
        GetSecurityInfo(
            file.as_raw_handle(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION,
            null_mut(),
            null_mut(),
            null_mut(),
            null_mut(),
            &mut descriptor,
        )
    };
    if status != ERROR_SUCCESS {
        return Err(io::Error::from_raw_os_error(status as i32));
    }
    let descriptor = Descriptor(descriptor);
    let mut text: *mut u16 = null_mut();
    let mut length = 0;
    // SAFETY: a valid descriptor; the system allocates `text`, freed below.
    if unsafe {
        ConvertSecurityDescriptorToStringSecurityDescriptorW(
            descriptor.0,
            SDDL_REVISION_1,
            DACL_SECURITY_INFORMATION,
            &mut text,
            &mut length,
        )
    } == 0
    {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `text` holds `length` UTF-16 units (with the final NUL) until freed.
    let units = unsafe { std::slice::from_raw_parts(text, length as usize) };
    let sddl = String::from_utf16_lossy(units)
        .trim_end_matches('\0')
        .to_string();
    // SAFETY: allocated by the call above with LocalAlloc.
    unsafe { LocalFree(text.cast()) };
    Ok(sddl)
}

/// A security descriptor the system allocated, freed on drop.
struct Descriptor(PSECURITY_DESCRIPTOR);

impl Descriptor {
    fn parse(sddl: &str) -> io::Result<Descriptor> {
        let wide: Vec<u16> = sddl.encode_utf16().chain([0]).collect();
        let mut descriptor: PSECURITY_DESCRIPTOR = null_mut();
        // SAFETY: `wide` is NUL-terminated; the system allocates `descriptor`.
        if unsafe {
            ConvertStringSecurityDescriptorToSecurityDescriptorW(
                wide.as_ptr(),
                SDDL_REVISION_1,
                &mut descriptor,
                null_mut(),
            )
        } == 0
        {
            return Err(io::Error::last_os_error());
        }
        Ok(Descriptor(descriptor))
    }
}

impl Drop for Descriptor {
    fn drop(&mut self) {
        // SAFETY: allocated by the system with LocalAlloc, freed once.
        unsafe { LocalFree(self.0) };
    }
}
