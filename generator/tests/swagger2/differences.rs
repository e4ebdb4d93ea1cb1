//! The exact differences between the SDK generated from FlexPrice's Swagger 2.0 file and
//! the one generated from its OpenAPI 3.0 file, each table with the reason for its entries.
//! Models are named by their Rust type and fields by their name in the spec.

/// Why [`DATE_TIME_FIELDS`] differ.
pub const DATE_TIME: &str = "the OpenAPI file gives this property `format: date-time`, but the \
    Swagger file has no `format` on any property, so the field stays a string";

/// Fields whose type has `::chrono::DateTime<::chrono::Utc>` in the SDK from the OpenAPI file
/// and `String` in its place in the SDK from the Swagger file, for the reason in
/// [`DATE_TIME`].
pub const DATE_TIME_FIELDS: &[(&str, &[&str])] = &[
    ("ActivateDraftSubscriptionRequest", &["start_date"]),
    ("AddAddonRequest", &["start_date"]),
    ("AddAddonToSubscriptionRequest", &["start_date"]),
    (
        "AddAddonToSubscriptionResponse",
        &[
            "cancelled_at",
            "created_at",
            "end_date",
            "start_date",
            "updated_at",
        ],
    ),
    ("Addon", &["created_at", "updated_at"]),
    (
        "AddonAssociationResponse",
        &[
            "cancelled_at",
            "created_at",
            "end_date",
            "start_date",
            "updated_at",
        ],
    ),
    ("AddonResponse", &["created_at", "updated_at"]),
    ("AlertLogResponse", &["created_at", "updated_at"]),
    ("AlertSettingsResponse", &["created_at", "updated_at"]),
    (
        "BillingCycleInfo",
        &["billing_anchor", "period_end", "period_start"],
    ),
    ("BillingPeriodInfo", &["end_time", "start_time"]),
    ("CancelSubscriptionRequest", &["cancel_at"]),
    (
        "CancelSubscriptionResponse",
        &["effective_date", "processed_at"],
    ),
    ("ChangedLineItem", &["end_date", "start_date"]),
    ("ChangedSubscription", &["current_period_end", "trial_end"]),
    ("CheckoutJsonbCheckoutProviderResult", &["expires_at"]),
    (
        "CheckoutSessionResponse",
        &[
            "cancelled_at",
            "completed_at",
            "created_at",
            "expires_at",
            "updated_at",
        ],
    ),
    ("CostsheetResponse", &["created_at", "updated_at"]),
    ("Coupon", &["created_at", "updated_at"]),
    (
        "CouponApplicationCouponApplication",
        &["applied_at", "created_at", "updated_at"],
    ),
    (
        "CouponApplicationResponse",
        &["applied_at", "created_at", "updated_at"],
    ),
    (
        "CouponAssociationCouponAssociation",
        &["created_at", "end_date", "start_date", "updated_at"],
    ),
    (
        "CouponAssociationResponse",
        &["created_at", "end_date", "start_date", "updated_at"],
    ),
    ("CouponResponse", &["created_at", "updated_at"]),
    ("CreateAddonResponse", &["created_at", "updated_at"]),
    ("CreateApiKeyRequest", &["expires_at"]),
    ("CreateCreditGrantRequest", &["end_date", "start_date"]),
    ("CreateEntitlementRequest", &["end_date", "start_date"]),
    (
        "CreateInvoiceLineItemRequest",
        &["period_end", "period_start"],
    ),
    (
        "CreateInvoiceRequest",
        &["due_date", "issue_date", "period_end", "period_start"],
    ),
    ("CreatePriceRequest", &["end_date", "start_date"]),
    ("CreatePriceUnitResponse", &["created_at", "updated_at"]),
    (
        "CreateSubscriptionLineItemRequest",
        &["end_date", "start_date"],
    ),
    (
        "CreateSubscriptionRequest",
        &["billing_anchor", "end_date", "start_date"],
    ),
    ("CreateTaxAssociationRequest", &["end_date", "start_date"]),
    (
        "CreditGrantApplicationResponse",
        &[
            "applied_at",
            "created_at",
            "period_end",
            "period_start",
            "updated_at",
        ],
    ),
    (
        "CreditGrantResponse",
        &[
            "created_at",
            "credit_grant_anchor",
            "end_date",
            "start_date",
            "updated_at",
        ],
    ),
    (
        "CreditNoteResponse",
        &["created_at", "finalized_at", "updated_at", "voided_at"],
    ),
    (
        "CreditnoteCreditNoteLineItem",
        &["created_at", "updated_at"],
    ),
    ("Customer", &["created_at", "updated_at"]),
    ("CustomerResponse", &["created_at", "updated_at"]),
    ("DeleteCreditGrantRequest", &["effective_date"]),
    ("DeletePriceRequest", &["end_date"]),
    (
        "EntitlementResponse",
        &["created_at", "end_date", "start_date", "updated_at"],
    ),
    (
        "EntityIntegrationMappingResponse",
        &["created_at", "updated_at"],
    ),
    ("Feature", &["created_at", "updated_at"]),
    ("FeatureResponse", &["created_at", "updated_at"]),
    ("FeatureUsageInfo", &["processed_at"]),
    ("FeatureUsageSummary", &["next_usage_reset_at"]),
    ("GetCostAnalyticsRequest", &["end_time", "start_time"]),
    (
        "GetDetailedCostAnalyticsResponse",
        &["end_time", "start_time"],
    ),
    ("GetEventsRequest", &["end_time", "start_time"]),
    ("GetPreviewInvoiceRequest", &["period_end", "period_start"]),
    ("GetUsageAnalyticsRequest", &["end_time", "start_time"]),
    (
        "GetUsageByMeterRequest",
        &["billing_anchor", "end_time", "start_time"],
    ),
    ("GetUsageBySubscriptionRequest", &["end_time", "start_time"]),
    (
        "GetUsageBySubscriptionResponse",
        &["end_time", "start_time"],
    ),
    (
        "GetUsageRequest",
        &["billing_anchor", "end_time", "start_time"],
    ),
    ("GroupGroup", &["created_at", "updated_at"]),
    ("GroupResponse", &["created_at", "updated_at"]),
    (
        "InvoiceInvoiceLineItem",
        &["created_at", "period_end", "period_start", "updated_at"],
    ),
    ("InvoiceLineItemPreview", &["period_end", "period_start"]),
    (
        "InvoiceLineItemResponse",
        &["created_at", "period_end", "period_start", "updated_at"],
    ),
    ("InvoicePreview", &["due_date"]),
    (
        "InvoiceResponse",
        &[
            "created_at",
            "due_date",
            "finalized_at",
            "issue_date",
            "last_computed_at",
            "paid_at",
            "period_end",
            "period_start",
            "updated_at",
            "voided_at",
        ],
    ),
    ("LineItemQuantityChange", &["effective_date"]),
    ("MatchedSubscriptionLineItem", &["end_date", "start_date"]),
    ("MeterMeter", &["created_at", "updated_at"]),
    ("MeterResponse", &["created_at", "updated_at"]),
    ("PaymentAttemptResponse", &["created_at", "updated_at"]),
    (
        "PaymentResponse",
        &[
            "created_at",
            "failed_at",
            "refunded_at",
            "succeeded_at",
            "updated_at",
            "voided_at",
        ],
    ),
    ("Plan", &["created_at", "updated_at"]),
    ("PlanResponse", &["created_at", "updated_at"]),
    (
        "PricePrice",
        &["created_at", "end_date", "start_date", "updated_at"],
    ),
    (
        "PriceResponse",
        &["created_at", "end_date", "start_date", "updated_at"],
    ),
    ("PriceUnitResponse", &["created_at", "updated_at"]),
    (
        "ProrationDetails",
        &[
            "current_period_end",
            "current_period_start",
            "proration_date",
        ],
    ),
    ("RemoveAddonRequest", &["effective_date"]),
    ("ScheduledTaskResponse", &["created_at", "updated_at"]),
    (
        "SecretResponse",
        &["created_at", "expires_at", "last_used_at", "updated_at"],
    ),
    ("SubModifyCouponParams", &["end_date", "start_date"]),
    ("SubModifyTaxParams", &["effective_date"]),
    ("SubModifyTrialEndRequest", &["new_trial_end"]),
    (
        "SubscriptionChangeExecuteResponse",
        &["effective_date", "scheduled_at"],
    ),
    ("SubscriptionChangePreviewResponse", &["effective_date"]),
    (
        "SubscriptionChangeV2Response",
        &["effective_at", "scheduled_at"],
    ),
    ("SubscriptionCouponInput", &["end_date", "start_date"]),
    (
        "SubscriptionLineItemResponse",
        &["created_at", "end_date", "start_date", "updated_at"],
    ),
    (
        "SubscriptionPhaseCreateRequest",
        &["end_date", "start_date"],
    ),
    (
        "SubscriptionPhaseResponse",
        &["created_at", "end_date", "start_date", "updated_at"],
    ),
    (
        "SubscriptionPriceCreateRequest",
        &["end_date", "start_date"],
    ),
    (
        "SubscriptionResponse",
        &[
            "billing_anchor",
            "cancel_at",
            "cancelled_at",
            "created_at",
            "current_period_end",
            "current_period_start",
            "end_date",
            "start_date",
            "trial_end",
            "trial_start",
            "updated_at",
        ],
    ),
    (
        "SubscriptionResponseV2",
        &[
            "billing_anchor",
            "cancel_at",
            "cancelled_at",
            "created_at",
            "current_period_end",
            "current_period_start",
            "end_date",
            "start_date",
            "trial_end",
            "trial_start",
            "updated_at",
        ],
    ),
    (
        "SubscriptionScheduleResponse",
        &[
            "cancelled_at",
            "created_at",
            "executed_at",
            "scheduled_at",
            "updated_at",
        ],
    ),
    (
        "SubscriptionSubscriptionLineItem",
        &["created_at", "end_date", "start_date", "updated_at"],
    ),
    (
        "SubscriptionSubscriptionPause",
        &[
            "created_at",
            "original_period_end",
            "original_period_start",
            "pause_end",
            "pause_start",
            "resumed_at",
            "updated_at",
        ],
    ),
    (
        "SubscriptionSubscriptionPhase",
        &["created_at", "end_date", "start_date", "updated_at"],
    ),
    (
        "SubscriptionSummary",
        &[
            "archived_at",
            "billing_anchor",
            "created_at",
            "current_period_end",
            "current_period_start",
        ],
    ),
    (
        "TaskResponse",
        &[
            "completed_at",
            "created_at",
            "failed_at",
            "started_at",
            "updated_at",
        ],
    ),
    (
        "TaxAppliedResponse",
        &["applied_at", "created_at", "updated_at"],
    ),
    (
        "TaxAssociationResponse",
        &["created_at", "end_date", "start_date", "updated_at"],
    ),
    ("TaxRateResponse", &["created_at", "updated_at"]),
    ("TenantResponse", &["created_at", "updated_at"]),
    ("TriggerForceRunRequest", &["end_time", "start_time"]),
    ("TriggerForceRunResponse", &["end_time", "start_time"]),
    ("TypesAddAddonRef", &["start_date"]),
    ("TypesAddonFilter", &["end_time", "start_time"]),
    ("TypesAlertInfo", &["value_at_time"]),
    ("TypesAlertLogFilter", &["end_time", "start_time"]),
    ("TypesAlertSettingsFilter", &["end_time", "start_time"]),
    ("TypesCreateSubscriptionParams", &["end_date", "start_date"]),
    ("TypesCustomerFilter", &["end_time", "start_time"]),
    ("TypesEntitlementFilter", &["end_time", "start_time"]),
    ("TypesFeatureFilter", &["end_time", "start_time"]),
    ("TypesGroupFilter", &["end_time", "start_time"]),
    ("TypesInvoiceFilter", &["end_time", "start_time"]),
    ("TypesModifySubscriptionLineItem", &["effective_date"]),
    ("TypesPlanFilter", &["end_time", "start_time"]),
    ("TypesPriceFilter", &["end_time", "start_time"]),
    ("TypesPriceUnitFilter", &["end_time", "start_time"]),
    (
        "TypesSubscriptionFilter",
        &["active_at", "end_time", "start_time", "trial_end_due_lte"],
    ),
    (
        "TypesSubscriptionLineItemFilter",
        &["current_period_start", "end_time", "start_time"],
    ),
    ("TypesTimeRangeFilter", &["end_time", "start_time"]),
    (
        "TypesUsageRecordFilter",
        &["end_time", "period_end", "period_start", "start_time"],
    ),
    ("TypesUsageRecordSyncEntry", &["synced_at"]),
    ("TypesUserFilter", &["end_time", "start_time"]),
    ("TypesWalletTransactionFilter", &["end_time", "start_time"]),
    ("TypesWorkflowExecutionFilter", &["end_time", "start_time"]),
    ("UpdateCreditGrantRequest", &["end_date"]),
    ("UpdateInvoiceRequest", &["due_date"]),
    (
        "UpdatePaymentRequest",
        &["failed_at", "refunded_at", "succeeded_at", "voided_at"],
    ),
    ("UpdateSubscriptionRequest", &["cancel_at"]),
    (
        "UsageRecordResponse",
        &["created_at", "period_end", "period_start", "updated_at"],
    ),
    (
        "WalletBalanceResponse",
        &["balance_updated_at", "created_at", "updated_at"],
    ),
    ("WalletResponse", &["created_at", "updated_at"]),
    (
        "WalletTransactionResponse",
        &["created_at", "expiry_date", "updated_at"],
    ),
    (
        "WebhookDtoCheckoutSession",
        &["cancelled_at", "completed_at", "expires_at"],
    ),
    ("WebhookDtoCreditNote", &["finalized_at", "voided_at"]),
    (
        "WebhookDtoInvoice",
        &[
            "due_date",
            "finalized_at",
            "paid_at",
            "period_end",
            "period_start",
            "voided_at",
        ],
    ),
    ("WebhookDtoInvoiceLineItem", &["period_end", "period_start"]),
    (
        "WebhookDtoPayment",
        &["failed_at", "refunded_at", "succeeded_at", "voided_at"],
    ),
    ("WebhookDtoSpendAlertEvent", &["triggered_at"]),
    (
        "WebhookDtoSubscription",
        &[
            "cancel_at",
            "cancelled_at",
            "current_period_end",
            "current_period_start",
            "end_date",
            "start_date",
            "trial_end",
            "trial_start",
        ],
    ),
    ("WebhookDtoSubscriptionPhase", &["end_date", "start_date"]),
    ("WebhookDtoWalletTransaction", &["expiry_date"]),
    ("WorkflowExecutionDto", &["close_time", "start_time"]),
];

/// A field whose type differs for a reason other than [`DATE_TIME`].
pub struct TypeChange {
    pub model: &'static str,
    pub field: &'static str,
    /// The field's type in the SDK from the OpenAPI 3.0 file.
    pub openapi: &'static str,
    /// The field's type in the SDK from the Swagger 2.0 file.
    pub swagger: &'static str,
    pub reason: &'static str,
}

const DEFAULT: &str = "the Swagger file gives this property `default: 1`, which the OpenAPI \
    file does not have, so the field is a plain integer that reads as 1 when absent";

/// Fields whose type differs, with both types.
pub const TYPE_CHANGES: &[TypeChange] = &[
    TypeChange {
        model: "BillingCycleInfo",
        field: "billing_period_count",
        openapi: "Option<i64>",
        swagger: "i64",
        reason: DEFAULT,
    },
    TypeChange {
        model: "CreatePriceRequest",
        field: "billing_period_count",
        openapi: "Option<i64>",
        swagger: "i64",
        reason: DEFAULT,
    },
    TypeChange {
        model: "CreateSubscriptionRequest",
        field: "billing_period_count",
        openapi: "Option<i64>",
        swagger: "i64",
        reason: DEFAULT,
    },
    TypeChange {
        model: "PricePrice",
        field: "billing_period_count",
        openapi: "Option<i64>",
        swagger: "i64",
        reason: DEFAULT,
    },
    TypeChange {
        model: "PriceResponse",
        field: "billing_period_count",
        openapi: "Option<i64>",
        swagger: "i64",
        reason: DEFAULT,
    },
    TypeChange {
        model: "SubscriptionChangeRequest",
        field: "billing_period_count",
        openapi: "Option<i64>",
        swagger: "i64",
        reason: DEFAULT,
    },
    TypeChange {
        model: "SubscriptionResponse",
        field: "billing_period_count",
        openapi: "Option<i64>",
        swagger: "i64",
        reason: DEFAULT,
    },
    TypeChange {
        model: "SubscriptionResponseV2",
        field: "billing_period_count",
        openapi: "Option<i64>",
        swagger: "i64",
        reason: DEFAULT,
    },
];

/// Why [`DESCRIPTION_DOCS`] differ.
pub const DESCRIPTION: &str = "the Swagger file describes this property beside `allOf: [$ref]`, \
    but in the OpenAPI file the property is a bare `$ref` without the description";

/// Field doc lines, by model, that only the SDK from the Swagger file has, for the reason in
/// [`DESCRIPTION`].
pub const DESCRIPTION_DOCS: &[(&str, &[&str])] = &[
    (
        "AlertLogResponse",
        &[
            "Expanded fields",
        ],
    ),
    (
        "BillingCycleInfo",
        &[
            "billing_cadence is the billing cadence",
            "billing_period is the billing period",
        ],
    ),
    (
        "CancelScheduleRequest",
        &[
            "schedule_type is the type of schedule to cancel (required if schedule_id is not provided)",
        ],
    ),
    (
        "CancelScheduleResponse",
        &[
            "status is the new status (should be \"cancelled\")",
        ],
    ),
    (
        "CancelSubscriptionRequest",
        &[
            "CancelImmediatelyInvoicePolicy controls whether to generate a final invoice on immediate cancellation. Defaults to skip.",
            "CancellationType determines when the cancellation takes effect",
            "ProrationBehavior controls how proration is handled.",
        ],
    ),
    (
        "CancelSubscriptionResponse",
        &[
            "Proration details",
        ],
    ),
    (
        "ChangedInvoice",
        &[
            "Action is created for a proration charge invoice, wallet_credit for downgrade credit.",
            "Invoice is set for proration charges: preview returns a synthetic invoice; execute returns the persisted invoice when created.",
            "Status is preview (dry-run), issued (wallet credit applied), or a PaymentStatus string for real invoices.",
            "WalletTransaction is set for downgrade wallet credits: preview is synthetic; execute returns the transaction from the top-up.",
        ],
    ),
    (
        "CheckoutJsonbCheckoutProviderResult",
        &[
            "NextAction is what the customer must do to complete payment.",
        ],
    ),
    (
        "CheckoutSessionResponse",
        &[
            "Action is the billing operation this session will perform.",
            "Immutable after creation; determines which sub-struct inside",
            "Configuration is populated.",
            "CheckoutStatus tracks the session lifecycle. Starts at \"initiated\"",
            "when the session row is inserted; advances to \"pending\" once the",
            "provider call succeeds; settles to completed/failed/expired.",
            "Configuration holds the immutable caller inputs set at creation time.",
            "Only the sub-struct matching Action is populated; the others are nil.",
            "PaymentProvider is required and immutable after creation.",
            "PaymentProviderConfig holds provider-specific payment configuration",
            "(e.g. Razorpay UPI Autopay preferences) supplied at session creation.",
            "Nil if not set on the request.",
            "ProviderResult holds the external provider response (session URL,",
            "payment intent ID, etc.). Set after the provider call in the create",
            "step. Source of truth for deriving PaymentActions in API responses.",
            "Result holds the Flexprice entity IDs created during the apply step.",
            "Nil until the session reaches completed status.",
        ],
    ),
    (
        "CloneEnvironmentRequest",
        &[
            "Type of the new environment, e.g. \"production\" or \"development\" (required when target_environment_id is not provided)",
        ],
    ),
    (
        "CloneFeatureRequest",
        &[
            "Metadata overrides the source feature's metadata when provided",
        ],
    ),
    (
        "ClonePlanRequest",
        &[
            "Metadata overrides the source plan's metadata when provided",
        ],
    ),
    (
        "CostAnalyticItem",
        &[
            "Expanded data (populated when expand options are specified)",
        ],
    ),
    (
        "CostsheetFilter",
        &[
            "QueryFilter contains pagination and basic query parameters",
            "Status filters by costsheet status",
            "TimeRangeFilter allows filtering by time periods",
        ],
    ),
    (
        "CreateAlertSettingsRequest",
        &[
            "config holds the threshold configuration (critical / warning / info + alert_enabled).",
            "entity_type is the entity being monitored: \"subscription\", \"subscription_line_item\", or \"group\".",
            "parent_entity_type must be \"subscription\" when entity_type is \"subscription_line_item\" or",
            "\"group\"; omitted for subscription-level alerts.",
        ],
    ),
    (
        "CreateCreditNoteLineItemRequest",
        &[
            "metadata contains additional custom key-value pairs for storing extra information about this line item",
        ],
    ),
    (
        "CreateCreditNoteRequest",
        &[
            "metadata contains additional custom key-value pairs for storing extra information",
            "reason specifies the reason for creating this credit note (duplicate, fraudulent, order_change, product_unsatisfactory)",
        ],
    ),
    (
        "CreateEntitlementRequest",
        &[
            "Grant config — optional. All-or-nothing; see entitlement.validateGrantConfig.",
        ],
    ),
    (
        "CreateInvoiceLineItemRequest",
        &[
            "commitment_info contains details about any commitment applied to this line item",
            "metadata contains additional custom key-value pairs for storing extra information about this line item",
        ],
    ),
    (
        "CreateInvoiceRequest",
        &[
            "billing_reason indicates why this invoice was created (subscription_cycle, manual, etc.)",
            "invoice_status represents the current status of the invoice (draft, finalized, etc.)",
            "invoice_type indicates the type of invoice (subscription, one_time, etc.)",
            "metadata contains additional custom key-value pairs for storing extra information",
            "payment_status represents the payment status of the invoice (unpaid, paid, etc.)",
        ],
    ),
    (
        "CreateScheduledTaskRequest",
        &[
            "Note: \"custom\" is excluded from API (internal testing only)",
        ],
    ),
    (
        "CreateSubscriptionLineItemRequest",
        &[
            "Price defines a new price inline; server creates a subscription-scoped price and adds the line item. Exactly one of price_id or price must be set. Entity/currency are set from the subscription.",
            "ProrationBehavior controls mid-period charge creation. Defaults to none.",
        ],
    ),
    (
        "CreateSubscriptionRequest",
        &[
            "BillingCycle controls the billing anchor. anniversary = start_date; calendar = period boundary",
            "(e.g. monthly with start 2025-04-15 → calendar anchor is 2025-05-01).",
            "CommitmentDuration allows a different commitment period than billing (e.g. ANNUAL on MONTHLY).",
            "Inheritance groups customer-hierarchy fields; providing child IDs makes this a PARENT subscription.",
            "ProrationBehavior: create_prorations or none (default). Ignored for anniversary billing.",
            "SubscriptionStatus: set to \"draft\" to skip invoice creation and payment on create.",
        ],
    ),
    (
        "CreateTaxRateRequest",
        &[
            "scope defines where this tax rate applies",
            "tax_rate_type determines how the tax is calculated (\"percentage\" or \"fixed\")",
        ],
    ),
    (
        "CreateUserRequest",
        &[
            "\"user\" or \"service_account\"",
        ],
    ),
    (
        "CreateWalletRequest",
        &[
            "alert_settings is the alert settings for the wallet (optional)",
            "If not provided, tenant level alert settings will be used",
            "auto top-up object",
        ],
    ),
    (
        "CreditNoteResponse",
        &[
            "credit_note_status represents the current status of the credit note (e.g., draft, finalized, voided)",
            "credit_note_type indicates the type of credit note (refund, adjustment)",
            "customer contains the customer information associated with this credit note",
            "invoice contains the associated invoice information if requested",
            "metadata contains additional custom key-value pairs for storing extra information",
            "reason specifies the reason for creating this credit note (duplicate, fraudulent, order_change, product_unsatisfactory)",
            "refund_status represents the status of any refund associated with this credit note",
            "subscription contains the associated subscription information if applicable",
        ],
    ),
    (
        "DeleteSubscriptionLineItemRequest",
        &[
            "ProrationBehavior controls mid-period credit issuance. Defaults to none.",
        ],
    ),
    (
        "EntitlementResponse",
        &[
            "Grant config; all-or-nothing set (see validateGrantConfig). Presence of a",
            "grant config turns the entitlement into a time-boxed bucket source.",
        ],
    ),
    (
        "Feature",
        &[
            "Group is populated by the service layer when building responses; repository/FromEnt do not set it.",
        ],
    ),
    (
        "FeatureResponse",
        &[
            "Group is the full group object when the feature belongs to a group (populated in response)",
        ],
    ),
    (
        "GetUsageByMeterRequest",
        &[
            "Optional, only used for MAX aggregation with windowing",
        ],
    ),
    (
        "GetUsageRequest",
        &[
            "Optional, only used for MAX aggregation with windowing",
        ],
    ),
    (
        "GroupedInvoicingChildRequest",
        &[
            "CommitmentDuration allows a different commitment period than billing (e.g. ANNUAL on MONTHLY).",
        ],
    ),
    (
        "InvoiceResponse",
        &[
            "customer contains the customer information associated with this invoice",
            "invoice_status represents the current status of the invoice - values include draft, open, paid, void, etc.",
            "invoice_type indicates the type of invoice - whether this is a subscription invoice, one-time charge, or other billing type",
            "metadata contains custom key-value pairs for storing additional information about this invoice",
            "payment_status indicates whether the invoice has been paid, is pending, or failed",
            "subscription contains the associated subscription information if requested",
        ],
    ),
    (
        "LineItemCommitmentConfig",
        &[
            "CommitmentDuration allows a different period than billing (e.g. ANNUAL commitment on MONTHLY billing).",
        ],
    ),
    (
        "MeterAggregation",
        &[
            "BucketSize is used only for MAX aggregation when windowed aggregation is needed",
            "It defines the size of time windows to calculate max values within",
        ],
    ),
    (
        "MeterMeter",
        &[
            "Aggregation defines the aggregation type and field for the meter",
            "It is used to aggregate the events into a single value for calculating the usage",
            "ResetUsage defines whether the usage should be reset periodically or not",
            "For ex meters tracking total storage used do not get reset but meters tracking",
            "total API requests do.",
        ],
    ),
    (
        "OverrideLineItemRequest",
        &[
            "TierMode determines how to calculate the price for a given quantity",
            "TransformQuantity determines how to transform the quantity for this line item",
        ],
    ),
    (
        "PriceJsonbTransformQuantity",
        &[
            "up or down",
        ],
    ),
    (
        "PricePrice",
        &[
            "EntityType holds the value of the \"entity_type\" field.",
            "PriceUnitType is the type of the price unit (FIAT, CUSTOM)",
        ],
    ),
    (
        "PriceResponse",
        &[
            "EntityType holds the value of the \"entity_type\" field.",
            "PriceUnitType is the type of the price unit (FIAT, CUSTOM)",
        ],
    ),
    (
        "PriceTransformQuantity",
        &[
            "up or down",
        ],
    ),
    (
        "RegisterMarketplaceAgreementRequest",
        &[
            "required iff Provider == aws_marketplace",
            "required iff Provider == azure_marketplace",
            "required iff Provider == gcp_marketplace",
            "\"aws_marketplace\" | \"gcp_marketplace\" | \"azure_marketplace\"",
        ],
    ),
    (
        "ScheduledTaskResponse",
        &[
            "Note: \"custom\" is excluded from API docs",
        ],
    ),
    (
        "SecretResponse",
        &[
            "\"user\" or \"service_account\"",
        ],
    ),
    (
        "SubModifyCouponParams",
        &[
            "Required. \"add\" to attach a coupon; \"remove\" to detach an existing association.",
        ],
    ),
    (
        "SubModifyGroupedInvoicingParams",
        &[
            "Action specifies whether to add or remove the child subscriptions from grouped invoicing.",
        ],
    ),
    (
        "SubModifyInheritanceRequest",
        &[
            "Action is \"add\" or \"remove\". Defaults to \"add\" when omitted — fully backward-compatible.",
        ],
    ),
    (
        "SubModifyTaxParams",
        &[
            "Required. \"add\" to attach a tax rate; \"remove\" to detach an existing association.",
        ],
    ),
    (
        "SubModifyTrialEndRequest",
        &[
            "Action is \"immediate\" or \"scheduled_date\".",
        ],
    ),
    (
        "SubscriptionChangeExecuteResponse",
        &[
            "change_type indicates whether this was an upgrade, downgrade, or lateral change",
            "invoice contains the immediate invoice generated for the change (if any)",
            "new_subscription contains the new subscription details (only if is_scheduled=false)",
            "old_subscription contains the archived subscription details (only if is_scheduled=false)",
            "proration_applied contains details of the proration that was applied",
        ],
    ),
    (
        "SubscriptionChangePreviewResponse",
        &[
            "change_type indicates whether this is an upgrade, downgrade, or lateral change",
            "current_plan contains information about the current plan",
            "new_billing_cycle shows the new billing cycle details",
            "next_invoice_preview shows how the next regular invoice would be affected",
            "proration_details contains the calculated proration amounts",
            "target_plan contains information about the target plan",
        ],
    ),
    (
        "SubscriptionChangeRequest",
        &[
            "billing_cadence is the billing cadence for the new subscription",
            "billing_cycle is the billing cycle for the new subscription",
            "billing_period is the billing period for the new subscription",
            "change_at determines when the change should take effect (optional)",
            "If not provided or null: change executes immediately",
            "If \"immediate\": change executes immediately (explicit)",
            "If \"period_end\": change is scheduled for the end of the current billing period",
            "proration_behavior controls how proration is handled for the change",
            "Options: create_prorations, none",
        ],
    ),
    (
        "SubscriptionChangeV2Request",
        &[
            "ChangeAt controls when the change takes effect. nil or \"immediate\" applies",
            "it now; \"end_of_period\" schedules it at the subscription's current period end.",
        ],
    ),
    (
        "SubscriptionLineItemResponse",
        &[
            "Meter is populated when the caller adds \"meters\" to a subscription-scoped",
            "expand string alongside \"subscription_line_items\". Only usage line items",
            "(PriceType == USAGE with a non-empty MeterID) will have a non-nil Meter.",
        ],
    ),
    (
        "SubscriptionModifyResponse",
        &[
            "All resources created or mutated as a result of this modification.",
            "CheckoutSession is set on pay-first execute when payment must be collected",
            "before line-item changes apply. Reuses CheckoutSessionResponse (payment_action",
            "at session root). Omitted for pay-later and preview.",
            "The subscription after the modification.",
        ],
    ),
    (
        "SubscriptionPhaseResponse",
        &[
            "Metadata contains additional key-value pairs",
        ],
    ),
    (
        "SubscriptionResponse",
        &[
            "BillingCycle is the cycle of the billing anchor.",
            "This is used to determine the billing date for the subscription (i.e set the billing anchor)",
            "If not set, the default value is anniversary. Possible values are anniversary and calendar.",
            "Anniversary billing means the billing anchor will be the start date of the subscription.",
            "Calendar billing means the billing anchor will be the appropriate date based on the billing period.",
            "For example, if the billing period is month and the start date is 2025-04-15 then in case of",
            "calendar billing the billing anchor will be 2025-05-01 vs 2025-04-15 for anniversary billing.",
            "CommitmentDuration is the time frame of the commitment (e.g., ANNUAL commitment on a MONTHLY subscription)",
            "Latest invoice information for incomplete subscriptions",
            "PaymentTerms (e.g. 15 NET, 30 NET) used to compute invoice due date from period end",
            "SubscriptionType categorises the subscription within a customer hierarchy (standalone, parent, inherited).",
        ],
    ),
    (
        "SubscriptionResponseV2",
        &[
            "BillingCycle is the cycle of the billing anchor.",
            "This is used to determine the billing date for the subscription (i.e set the billing anchor)",
            "If not set, the default value is anniversary. Possible values are anniversary and calendar.",
            "Anniversary billing means the billing anchor will be the start date of the subscription.",
            "Calendar billing means the billing anchor will be the appropriate date based on the billing period.",
            "For example, if the billing period is month and the start date is 2025-04-15 then in case of",
            "calendar billing the billing anchor will be 2025-05-01 vs 2025-04-15 for anniversary billing.",
            "CommitmentDuration is the time frame of the commitment (e.g., ANNUAL commitment on a MONTHLY subscription)",
            "Customer is expanded only if \"customer\" is in expand parameter",
            "PaymentTerms (e.g. 15 NET, 30 NET) used to compute invoice due date from period end",
            "Plan is expanded only if \"plan\" is in expand parameter",
            "SubscriptionType categorises the subscription within a customer hierarchy (standalone, parent, inherited).",
        ],
    ),
    (
        "SubscriptionScheduleResponse",
        &[
            "schedule_type is the type of schedule (plan_change, addon_change, etc.)",
            "status is the current status of the schedule",
        ],
    ),
    (
        "SubscriptionSubscriptionLineItem",
        &[
            "Meter is populated when the caller adds \"meters\" to a subscription-scoped",
            "expand string alongside \"subscription_line_items\". Only usage line items",
            "(PriceType == USAGE with a non-empty MeterID) will have a non-nil Meter.",
        ],
    ),
    (
        "SubscriptionSubscriptionPhase",
        &[
            "Metadata contains additional key-value pairs",
        ],
    ),
    (
        "SubscriptionSummary",
        &[
            "status of the subscription",
        ],
    ),
    (
        "TaxAssociationResponse",
        &[
            "Type of entity this tax rate applies to",
        ],
    ),
    (
        "TopUpWalletRequest",
        &[
            "checkout opts into pay-first hosted checkout for PURCHASED_CREDIT_INVOICED top-ups.",
            "When set, credits are applied only after checkout payment succeeds.",
            "Omit for today's pay-later / auto-complete behavior.",
            "metadata is a map of key-value pairs to store any additional information about the transaction",
        ],
    ),
    (
        "TopUpWalletResponse",
        &[
            "CheckoutSession is set when pay-first checkout was requested on top-up.",
            "Wallet details after the operation",
            "Wallet transaction created (could be PENDING or COMPLETED)",
        ],
    ),
    (
        "TypesAddAddonRef",
        &[
            "Needed to prorate the addon's first credit grant.",
        ],
    ),
    (
        "TypesAutoTopup",
        &[
            "Cooldown is an optional cooloff after a successful auto top-up before another may run.",
        ],
    ),
    (
        "TypesExportMetadataField",
        &[
            "which entity's metadata to read from",
        ],
    ),
    (
        "TypesInvoiceFilter",
        &[
            "BillingReason filters invoices by why they were generated",
            "invoice_type filters by the nature of the invoice (SUBSCRIPTION, ONE_OFF, or CREDIT)",
            "Use this to separate recurring charges from one-time fees or credit adjustments",
        ],
    ),
    (
        "TypesInvoiceSyncSettings",
        &[
            "NormalizeFixedTo re-expresses fixed-charge line items in a smaller billing period.",
            "For example, a quarterly fixed charge of $300 with NormalizeFixedTo=MONTHLY becomes",
            "qty=3, rate=$100. Empty string means no normalization (keep original).",
            "ServicePeriodCustomFields names the Zoho custom fields that receive the",
            "invoice's service start and end dates.",
        ],
    ),
    (
        "TypesS3ExportConfig",
        &[
            "Compression type: \"gzip\", \"none\" (default: \"none\")",
            "Encryption type: \"AES256\", \"aws:kms\", \"aws:kms:dsse\" (default: \"AES256\")",
        ],
    ),
    (
        "TypesS3JobConfig",
        &[
            "Compression type: \"gzip\", \"none\" (default: \"none\")",
            "Encryption type: \"AES256\", \"aws:kms\", \"aws:kms:dsse\" (default: \"AES256\")",
        ],
    ),
    (
        "TypesSyncConfig",
        &[
            "AWSMarketplace connection metadata",
            "CRM sync (HubSpot, Salesforce, etc.)",
            "InvoiceSyncSettings controls line-item transformation during outbound invoice sync",
            "Payment sync (QuickBooks bidirectional)",
            "Integration sync (Stripe, Razorpay, QuickBooks, etc.)",
            "Price sync (Stripe only) — outbound only, see Validate()",
            "S3 connection metadata (for Flexprice-managed S3 connections)",
        ],
    ),
    (
        "UpdateInvoiceRequest",
        &[
            "Invoice metadata will be overridden with the request metadata",
        ],
    ),
    (
        "UpdatePaymentStatusRequest",
        &[
            "payment_status is the new payment status to set for the invoice (paid, unpaid, etc.)",
        ],
    ),
    (
        "UpdatePriceRequest",
        &[
            "TierMode determines how to calculate the price for a given quantity",
            "TransformQuantity determines how to transform the quantity for this line item",
        ],
    ),
    (
        "UpdateSubscriptionLineItemRequest",
        &[
            "TierMode determines how to calculate the price for a given quantity",
            "TransformQuantity determines how to transform the quantity for this line item",
        ],
    ),
    (
        "UpdateTaxRateRequest",
        &[
            "tax_rate_type determines how the tax is calculated (\"percentage\" or \"fixed\")",
        ],
    ),
    (
        "UsageAnalyticItem",
        &[
            "Full addon object (only if expand includes \"addon\")",
            "Full feature object (only if expand includes \"feature\")",
            "Group when the feature belongs to a group (object includes id)",
            "Full meter object (only if expand includes \"meter\")",
            "Full plan object (only if expand includes \"plan\")",
            "Full price object (only if expand includes \"price\")",
            "Present when total_usage_display is set (unit_singular, unit_plural, conversion_rate)",
            "Full line item (only if expand includes \"subscription_line_item\")",
            "Granularity of Points: max(request window_size, meter bucket_size) for bucketed meters; the request window_size otherwise",
        ],
    ),
];

/// Lines that only one of the two SDKs has in `file`, for one reason. The `pub` lines of the
/// fields in [`DATE_TIME_FIELDS`] and [`TYPE_CHANGES`] are not repeated here.
pub struct Lines {
    pub file: &'static str,
    /// Lines only the SDK from the OpenAPI 3.0 file has.
    pub openapi: &'static [&'static str],
    /// Lines only the SDK from the Swagger 2.0 file has.
    pub swagger: &'static [&'static str],
    pub reason: &'static str,
}

const SERVERS: &str = "the OpenAPI file names FlexPrice's regional hosts as servers, but the \
    Swagger file has no `host`, so its only server is the relative `/v1`";

const NO_DATE_TIME: &str = "the SDK from the Swagger file has no date-time field, so it needs \
    neither chrono's serde feature nor the chrono `ToParam` impls";

const REQUIRED_DATE_TIME: &str = "the constructor takes the required `start_date`, which is \
    a date-time only in the OpenAPI file";

const DEFAULT_FUNCTION: &str = "the field with `default: 1` gets a function that returns the \
    default, and a struct that derived `Default` implements it by hand instead";

/// Differences listed line by line.
pub const LINES: &[Lines] = &[
    Lines {
        file: "src/apis/client.rs",
        openapi: &[
            "",
            "/// The base URL used when none is set: the first server of the spec.",
            "pub const DEFAULT_BASE_URL: &str = \"https://us.api.flexprice.io/v1\";",
            "            base_url: Some(DEFAULT_BASE_URL.to_owned()),",
        ],
        swagger: &[
            "            base_url: None,",
        ],
        reason: SERVERS,
    },
    Lines {
        file: "src/apis/mod.rs",
        openapi: &[
            "",
            "pub use client::DEFAULT_BASE_URL;",
        ],
        swagger: &[],
        reason: SERVERS,
    },
    Lines {
        file: "src/lib.rs",
        openapi: &[],
        swagger: &[
            "//!     .with_base_url(\"https://api.example.com/v1\")",
        ],
        reason: SERVERS,
    },
    Lines {
        file: "src/apis/client.rs",
        openapi: &[
            "impl ToParam for chrono::DateTime<chrono::Utc> {",
            "    fn to_param(&self) -> String {",
            "        self.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)",
            "    }",
            "}",
            "",
            "impl ToParam for chrono::NaiveDate {",
            "    fn to_param(&self) -> String {",
            "        self.format(\"%Y-%m-%d\").to_string()",
            "    }",
            "}",
            "",
        ],
        swagger: &[],
        reason: NO_DATE_TIME,
    },
    Lines {
        file: "Cargo.toml",
        openapi: &[
            "chrono = { version = \"0.4.38\", default-features = false, features = [\"std\", \"serde\", \"clock\"] }",
        ],
        swagger: &[
            "chrono = { version = \"0.4.38\", default-features = false, features = [\"std\", \"clock\"] }",
        ],
        reason: NO_DATE_TIME,
    },
    Lines {
        file: "src/models/activate_draft_subscription_request.rs",
        openapi: &[
            "    pub fn new(start_date: ::chrono::DateTime<::chrono::Utc>) -> Self {",
        ],
        swagger: &[
            "    pub fn new(start_date: String) -> Self {",
        ],
        reason: REQUIRED_DATE_TIME,
    },
    Lines {
        file: "src/models/subscription_phase_create_request.rs",
        openapi: &[
            "    pub fn new(start_date: ::chrono::DateTime<::chrono::Utc>) -> Self {",
        ],
        swagger: &[
            "    pub fn new(start_date: String) -> Self {",
        ],
        reason: REQUIRED_DATE_TIME,
    },
    Lines {
        file: "src/models/billing_cycle_info.rs",
        openapi: &[
            "#[derive(Debug, Clone, PartialEq, Default, ::serde::Deserialize)]",
            "    #[serde(default, skip_serializing_if = \"Option::is_none\")]",
            "            billing_period_count: None,",
        ],
        swagger: &[
            "#[derive(Debug, Clone, PartialEq, ::serde::Deserialize)]",
            "    #[serde(default = \"default_billing_period_count\")]",
            "            billing_period_count: default_billing_period_count(),",
            "impl Default for BillingCycleInfo {",
            "    fn default() -> Self {",
            "        Self {",
            "            billing_anchor: None,",
            "            billing_cadence: None,",
            "            billing_period: None,",
            "            billing_period_count: default_billing_period_count(),",
            "            period_end: None,",
            "            period_start: None,",
            "        }",
            "    }",
            "}",
            "",
            "/// The spec's default for `billing_period_count`.",
            "fn default_billing_period_count() -> i64 {",
            "    1",
            "}",
            "",
        ],
        reason: DEFAULT_FUNCTION,
    },
    Lines {
        file: "src/models/create_price_request.rs",
        openapi: &[
            "    #[serde(default, skip_serializing_if = \"Option::is_none\")]",
            "            billing_period_count: None,",
        ],
        swagger: &[
            "    #[serde(default = \"default_billing_period_count\")]",
            "            billing_period_count: default_billing_period_count(),",
            "/// The spec's default for `billing_period_count`.",
            "fn default_billing_period_count() -> i64 {",
            "    1",
            "}",
            "",
        ],
        reason: DEFAULT_FUNCTION,
    },
    Lines {
        file: "src/models/create_subscription_request.rs",
        openapi: &[
            "    #[serde(default, skip_serializing_if = \"Option::is_none\")]",
            "            billing_period_count: None,",
        ],
        swagger: &[
            "    #[serde(default = \"default_billing_period_count\")]",
            "            billing_period_count: default_billing_period_count(),",
            "/// The spec's default for `billing_period_count`.",
            "fn default_billing_period_count() -> i64 {",
            "    1",
            "}",
            "",
        ],
        reason: DEFAULT_FUNCTION,
    },
    Lines {
        file: "src/models/price_price.rs",
        openapi: &[
            "#[derive(Debug, Clone, PartialEq, Default, ::serde::Deserialize)]",
            "    #[serde(default, skip_serializing_if = \"Option::is_none\")]",
            "            billing_period_count: None,",
        ],
        swagger: &[
            "#[derive(Debug, Clone, PartialEq, ::serde::Deserialize)]",
            "    #[serde(default = \"default_billing_period_count\")]",
            "            billing_period_count: default_billing_period_count(),",
            "impl Default for PricePrice {",
            "    fn default() -> Self {",
            "        Self {",
            "            amount: None,",
            "            billing_cadence: None,",
            "            billing_model: None,",
            "            billing_period: None,",
            "            billing_period_count: default_billing_period_count(),",
            "            conversion_rate: None,",
            "            created_at: None,",
            "            created_by: None,",
            "            currency: None,",
            "            description: None,",
            "            display_amount: None,",
            "            display_name: None,",
            "            display_price_unit_amount: None,",
            "            end_date: None,",
            "            entity_id: None,",
            "            entity_type: None,",
            "            environment_id: None,",
            "            group_id: None,",
            "            id: None,",
            "            invoice_cadence: None,",
            "            lookup_key: None,",
            "            metadata: None,",
            "            meter_id: None,",
            "            min_quantity: None,",
            "            parent_price_id: None,",
            "            price_unit: None,",
            "            price_unit_amount: None,",
            "            price_unit_id: None,",
            "            price_unit_tiers: None,",
            "            price_unit_type: None,",
            "            sequence: None,",
            "            start_date: None,",
            "            status: None,",
            "            tenant_id: None,",
            "            tier_mode: None,",
            "            tiers: None,",
            "            transform_quantity: None,",
            "            trial_period_days: None,",
            "            type_: None,",
            "            updated_at: None,",
            "            updated_by: None,",
            "        }",
            "    }",
            "}",
            "",
            "/// The spec's default for `billing_period_count`.",
            "fn default_billing_period_count() -> i64 {",
            "    1",
            "}",
            "",
        ],
        reason: DEFAULT_FUNCTION,
    },
    Lines {
        file: "src/models/price_response.rs",
        openapi: &[
            "#[derive(Debug, Clone, PartialEq, Default, ::serde::Deserialize)]",
            "    #[serde(default, skip_serializing_if = \"Option::is_none\")]",
            "            billing_period_count: None,",
        ],
        swagger: &[
            "#[derive(Debug, Clone, PartialEq, ::serde::Deserialize)]",
            "    #[serde(default = \"default_billing_period_count\")]",
            "            billing_period_count: default_billing_period_count(),",
            "impl Default for PriceResponse {",
            "    fn default() -> Self {",
            "        Self {",
            "            addon: None,",
            "            amount: None,",
            "            billing_cadence: None,",
            "            billing_model: None,",
            "            billing_period: None,",
            "            billing_period_count: default_billing_period_count(),",
            "            conversion_rate: None,",
            "            created_at: None,",
            "            created_by: None,",
            "            currency: None,",
            "            description: None,",
            "            display_amount: None,",
            "            display_name: None,",
            "            display_price_unit_amount: None,",
            "            end_date: None,",
            "            entity_id: None,",
            "            entity_type: None,",
            "            environment_id: None,",
            "            group: None,",
            "            group_id: None,",
            "            id: None,",
            "            invoice_cadence: None,",
            "            lookup_key: None,",
            "            metadata: None,",
            "            meter: None,",
            "            meter_id: None,",
            "            min_quantity: None,",
            "            parent_price_id: None,",
            "            plan: None,",
            "            price_unit: None,",
            "            price_unit_amount: None,",
            "            price_unit_id: None,",
            "            price_unit_tiers: None,",
            "            price_unit_type: None,",
            "            pricing_unit: None,",
            "            sequence: None,",
            "            start_date: None,",
            "            status: None,",
            "            tenant_id: None,",
            "            tier_mode: None,",
            "            tiers: None,",
            "            transform_quantity: None,",
            "            trial_period_days: None,",
            "            type_: None,",
            "            updated_at: None,",
            "            updated_by: None,",
            "        }",
            "    }",
            "}",
            "",
            "/// The spec's default for `billing_period_count`.",
            "fn default_billing_period_count() -> i64 {",
            "    1",
            "}",
            "",
        ],
        reason: DEFAULT_FUNCTION,
    },
    Lines {
        file: "src/models/subscription_change_request.rs",
        openapi: &[
            "    #[serde(default, skip_serializing_if = \"Option::is_none\")]",
            "            billing_period_count: None,",
        ],
        swagger: &[
            "    #[serde(default = \"default_billing_period_count\")]",
            "            billing_period_count: default_billing_period_count(),",
            "/// The spec's default for `billing_period_count`.",
            "fn default_billing_period_count() -> i64 {",
            "    1",
            "}",
            "",
        ],
        reason: DEFAULT_FUNCTION,
    },
    Lines {
        file: "src/models/subscription_response.rs",
        openapi: &[
            "#[derive(Debug, Clone, PartialEq, Default, ::serde::Deserialize)]",
            "    #[serde(default, skip_serializing_if = \"Option::is_none\")]",
            "            billing_period_count: None,",
        ],
        swagger: &[
            "#[derive(Debug, Clone, PartialEq, ::serde::Deserialize)]",
            "    #[serde(default = \"default_billing_period_count\")]",
            "            billing_period_count: default_billing_period_count(),",
            "impl Default for SubscriptionResponse {",
            "    fn default() -> Self {",
            "        Self {",
            "            active_pause_id: None,",
            "            auto_invoice_threshold: None,",
            "            billing_anchor: None,",
            "            billing_cadence: None,",
            "            billing_cycle: None,",
            "            billing_period: None,",
            "            billing_period_count: default_billing_period_count(),",
            "            cancel_at: None,",
            "            cancel_at_period_end: None,",
            "            cancelled_at: None,",
            "            checkout_session: None,",
            "            collection_method: None,",
            "            commitment_amount: None,",
            "            commitment_duration: None,",
            "            coupon_associations: None,",
            "            created_at: None,",
            "            created_by: None,",
            "            credit_grants: None,",
            "            currency: None,",
            "            current_period_end: None,",
            "            current_period_start: None,",
            "            customer: None,",
            "            customer_id: None,",
            "            enable_true_up: None,",
            "            end_date: None,",
            "            entitlements: None,",
            "            environment_id: None,",
            "            gateway_payment_method_id: None,",
            "            id: None,",
            "            invoicing_customer_id: None,",
            "            latest_invoice: None,",
            "            line_items: None,",
            "            lookup_key: None,",
            "            metadata: None,",
            "            overage_factor: None,",
            "            parent_subscription_id: None,",
            "            pause_status: None,",
            "            pauses: None,",
            "            payment_behavior: None,",
            "            payment_terms: None,",
            "            phases: None,",
            "            plan: None,",
            "            plan_id: None,",
            "            proration_behavior: None,",
            "            start_date: None,",
            "            status: None,",
            "            subscription_status: None,",
            "            subscription_type: None,",
            "            synced_price_sequence: None,",
            "            tenant_id: None,",
            "            timezone: None,",
            "            trial_end: None,",
            "            trial_start: None,",
            "            updated_at: None,",
            "            updated_by: None,",
            "            version: None,",
            "        }",
            "    }",
            "}",
            "",
            "/// The spec's default for `billing_period_count`.",
            "fn default_billing_period_count() -> i64 {",
            "    1",
            "}",
            "",
        ],
        reason: DEFAULT_FUNCTION,
    },
    Lines {
        file: "src/models/subscription_response_v2.rs",
        openapi: &[
            "#[derive(Debug, Clone, PartialEq, Default, ::serde::Deserialize)]",
            "    #[serde(default, skip_serializing_if = \"Option::is_none\")]",
            "            billing_period_count: None,",
        ],
        swagger: &[
            "#[derive(Debug, Clone, PartialEq, ::serde::Deserialize)]",
            "    #[serde(default = \"default_billing_period_count\")]",
            "            billing_period_count: default_billing_period_count(),",
            "impl Default for SubscriptionResponseV2 {",
            "    fn default() -> Self {",
            "        Self {",
            "            active_pause_id: None,",
            "            auto_invoice_threshold: None,",
            "            billing_anchor: None,",
            "            billing_cadence: None,",
            "            billing_cycle: None,",
            "            billing_period: None,",
            "            billing_period_count: default_billing_period_count(),",
            "            cancel_at: None,",
            "            cancel_at_period_end: None,",
            "            cancelled_at: None,",
            "            collection_method: None,",
            "            commitment_amount: None,",
            "            commitment_duration: None,",
            "            coupon_associations: None,",
            "            created_at: None,",
            "            created_by: None,",
            "            credit_grants: None,",
            "            currency: None,",
            "            current_period_end: None,",
            "            current_period_start: None,",
            "            customer: None,",
            "            customer_id: None,",
            "            enable_true_up: None,",
            "            end_date: None,",
            "            environment_id: None,",
            "            gateway_payment_method_id: None,",
            "            id: None,",
            "            invoicing_customer_id: None,",
            "            line_items: None,",
            "            lookup_key: None,",
            "            metadata: None,",
            "            overage_factor: None,",
            "            parent_subscription_id: None,",
            "            pause_status: None,",
            "            pauses: None,",
            "            payment_behavior: None,",
            "            payment_terms: None,",
            "            phases: None,",
            "            plan: None,",
            "            plan_id: None,",
            "            plan_prices_out_of_sync: None,",
            "            proration_behavior: None,",
            "            start_date: None,",
            "            status: None,",
            "            subscription_status: None,",
            "            subscription_type: None,",
            "            synced_price_sequence: None,",
            "            tenant_id: None,",
            "            timezone: None,",
            "            trial_end: None,",
            "            trial_start: None,",
            "            updated_at: None,",
            "            updated_by: None,",
            "            version: None,",
            "        }",
            "    }",
            "}",
            "",
            "/// The spec's default for `billing_period_count`.",
            "fn default_billing_period_count() -> i64 {",
            "    1",
            "}",
            "",
        ],
        reason: DEFAULT_FUNCTION,
    },
];
