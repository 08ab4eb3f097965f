// The command list, in its own file so the shell's build script can `include!` it.

/// Calls `$callback!` with the command list: `name(Args) => Result;`, or
/// `name(Args) => Result, events Event;` for a streaming command. Types are `$crate` paths so
/// the list expands anywhere (it is also `include!`d by the shell's build script, which only
/// reads the names).
#[macro_export]
macro_rules! with_commands {
    ($callback:ident) => {
        $callback! {
            about_info(()) => $crate::commands::AboutInfo;
            get_settings(()) => $crate::Settings;
            set_theme($crate::commands::SetThemeArgs) => $crate::Settings;
            set_sign_in($crate::commands::SetSignInArgs) => $crate::Settings;
            set_zoom($crate::commands::SetZoomArgs) => $crate::Settings;
            list_vaults(()) => Vec<$crate::commands::VaultEntry>;
            add_local_vault($crate::commands::AddLocalVaultArgs) => $crate::commands::VaultEntry;
            add_azure_vault($crate::commands::AddAzureVaultArgs) => $crate::commands::VaultEntry;
            rename_vault($crate::commands::RenameVaultArgs) => Vec<$crate::commands::VaultEntry>;
            set_vault_color($crate::commands::SetVaultColorArgs) => Vec<$crate::commands::VaultEntry>;
            reorder_vaults($crate::commands::ReorderVaultsArgs) => Vec<$crate::commands::VaultEntry>;
            remove_vault($crate::commands::VaultArgs) => Vec<$crate::commands::VaultEntry>;
            add_samples($crate::commands::VaultArgs) => Vec<String>;
            list_accounts(()) => Vec<$crate::commands::Account>;
            sign_in($crate::commands::SignInArgs) => $crate::commands::Account,
                events $crate::commands::SignInEvent;
            sign_out($crate::commands::AccountArgs) => Vec<$crate::commands::Account>;
            discover_vaults($crate::commands::AccountArgs) => $crate::commands::Discovery;
            add_discovered_vaults($crate::commands::AddDiscoveredVaultsArgs) => $crate::commands::AddedVaults;
            add_account_vault($crate::commands::AddAccountVaultArgs) => $crate::commands::VaultEntry;
            list_certificates($crate::commands::ListCertificatesArgs) => usize,
                events Vec<$crate::commands::CertificateSummary>;
            cancel_request($crate::commands::CancelRequestArgs) => ();
            get_certificate($crate::commands::GetCertificateArgs) => $crate::commands::CertificateDetails;
            list_versions($crate::commands::CertificateArgs) => Vec<$crate::commands::CertificateSummary>;
            open_in_portal($crate::commands::OpenInPortalArgs) => ();
            save_text_file($crate::commands::SaveTextFileArgs) => Option<String>;
            download_certificate($crate::commands::DownloadArgs) => Option<$crate::commands::Downloaded>;
            pick_files(()) => Vec<std::path::PathBuf>;
            take_opened_files(()) => Vec<std::path::PathBuf>;
            open_file($crate::commands::OpenFileArgs) => $crate::commands::OpenedFileInfo;
            close_files($crate::commands::FilesArgs) => ();
            plan_import($crate::commands::PlanImportArgs) => $crate::commands::ImportPlan;
            check_certificate_name($crate::commands::CertificateArgs) => $crate::commands::NameStatus;
            import_certificate($crate::commands::ImportCertificateArgs) => $crate::commands::CertificateSummary;
            get_policy($crate::commands::CertificateArgs) => $crate::commands::CertificatePolicy;
            check_policy($crate::commands::CheckPolicyArgs) => Vec<$crate::commands::FieldIssue>;
            diff_policies($crate::commands::DiffPoliciesArgs) => Vec<$crate::commands::FieldChange>;
            save_policy($crate::commands::SavePolicyArgs) => $crate::commands::SavedPolicy;
            renew_certificate($crate::commands::CertificateArgs) => $crate::commands::PendingOperation;
            parse_subject($crate::commands::ParseSubjectArgs) => Vec<$crate::commands::SubjectAttribute>;
            format_subject($crate::commands::FormatSubjectArgs) => String;
            list_issuers($crate::commands::VaultArgs) => Vec<$crate::commands::IssuerSummary>;
            get_issuer($crate::commands::IssuerArgs) => $crate::commands::IssuerDetails;
            save_issuer($crate::commands::SaveIssuerArgs) => $crate::commands::Saved<$crate::commands::IssuerDetails>;
            delete_issuer($crate::commands::IssuerArgs) => $crate::commands::IssuerDetails;
            get_contacts($crate::commands::VaultArgs) => Vec<$crate::commands::CertificateContact>;
            set_contacts($crate::commands::SetContactsArgs) => $crate::commands::Saved<Vec<$crate::commands::CertificateContact>>;
            delete_contacts($crate::commands::VaultArgs) => Vec<$crate::commands::CertificateContact>;
            create_certificate($crate::commands::CreateCertificateArgs) => $crate::commands::CreateResult;
            watch_operation($crate::commands::WatchOperationArgs) => $crate::commands::OperationOutcome,
                events $crate::commands::PendingOperation;
            get_operation($crate::commands::CertificateArgs) => $crate::commands::PendingOperation;
            cancel_operation($crate::commands::CertificateArgs) => $crate::commands::PendingOperation;
            delete_operation($crate::commands::CertificateArgs) => $crate::commands::PendingOperation;
            plan_merge($crate::commands::MergeArgs) => $crate::commands::MergePlan;
            merge_certificate($crate::commands::MergeArgs) => $crate::commands::CertificateSummary;
            list_templates(()) => Vec<$crate::commands::PolicyTemplate>;
            save_template($crate::commands::SaveTemplateArgs) => Vec<$crate::commands::PolicyTemplate>;
            delete_template($crate::commands::TemplateArgs) => Vec<$crate::commands::PolicyTemplate>;
            preview_bulk_policy($crate::commands::BulkPolicyArgs) => Vec<$crate::commands::BulkItem>,
                events $crate::commands::BulkItem;
            apply_bulk_policy($crate::commands::BulkPolicyArgs) => Vec<$crate::commands::BulkItem>,
                events $crate::commands::BulkItem;
            check_compliance($crate::commands::ComplianceArgs) => usize,
                events $crate::commands::ComplianceRow;
            needs_attention($crate::commands::NeedsAttentionArgs) => $crate::commands::AttentionSummary,
                events $crate::commands::AttentionBatch;
            explain_delete($crate::commands::CertificateArgs) => $crate::commands::DeleteExplanation;
            delete_certificate($crate::commands::CertificateArgs) => $crate::commands::DeletedCertificate;
            list_deleted_certificates($crate::commands::ListDeletedArgs) => usize,
                events Vec<$crate::commands::DeletedCertificate>;
            recover_certificate($crate::commands::RecoverArgs) => $crate::commands::CertificateSummary,
                events $crate::commands::RecoverProgress;
            purge_certificate($crate::commands::CertificateArgs) => ();
            set_certificate_enabled($crate::commands::SetEnabledArgs) => $crate::commands::CertificateSummary;
            set_certificate_tags($crate::commands::SetTagsArgs) => $crate::commands::CertificateSummary;
            bulk_certificate_action($crate::commands::BulkActionArgs) => Vec<$crate::commands::BulkActionItem>,
                events $crate::commands::BulkActionItem;
            save_backup($crate::commands::CertificateArgs) => Option<String>;
            pick_backup_file(()) => Option<std::path::PathBuf>;
            inspect_backup($crate::commands::BackupFileArgs) => $crate::commands::BackupFileInfo;
            restore_backup($crate::commands::RestoreBackupArgs) => $crate::commands::CertificateSummary;
            plan_copy($crate::commands::CopyArgs) => $crate::commands::CopyPlan;
            copy_certificate($crate::commands::CopyArgs) => $crate::commands::CertificateSummary;
        }
    };
}
