//! The modal's iframe attributes: what the framed modal may do in the host page.
//!
//! `src/js/frame.js` sets them from `src/js/names.js`, which is generated from these constants;
//! a browser test compares a mounted iframe with them.

/// The sandbox tokens the modal's login flow needs: its own scripts and storage
/// (`allow-scripts allow-same-origin`, safe because the modal is cross-origin to the host),
/// form posts (`allow-forms`), the providers' OAuth pop-ups (`allow-popups`), its cookies where
/// the browser partitions them until asked (`allow-storage-access-by-user-activation`, Safari
/// and Firefox), and its dialogs (`allow-modals`: without it `confirm()` answers `false`
/// unasked; Anon's own SDK grants it). No `allow-top-navigation`: the modal can never navigate
/// the host page. No `allow-popups-to-escape-sandbox`, as in Anon's SDK: a pop-up keeps this
/// sandbox, for an unsandboxed one can navigate the host page through `opener.top` in Firefox.
pub const SANDBOX: &str = "allow-scripts allow-same-origin allow-forms allow-popups \
    allow-storage-access-by-user-activation allow-modals";
/// The permissions policy: the modal may copy and paste (API keys, codes).
pub const ALLOW: &str = "clipboard-read; clipboard-write";
/// The host page's origin, and nothing else, goes to the modal as referrer.
pub const REFERRER_POLICY: &str = "strict-origin";
