-- Today's whole AutoDialer schema, for reading: generated from a database migrated by sql/NNN_*.sql (pg_dump --schema-only,
-- without Hangfire's schema "hangfire"). Never applied; the migrations are the truth. A test fails when it is stale.
--
-- PostgreSQL database dump
--



SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: campaign_counters_apply(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.campaign_counters_apply() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    if tg_op = 'INSERT' then
        insert into campaign_counters as c (campaign_id, shard, contacts, pending, dialing, deferred, suppressed, done)
        select campaign_id, pg_backend_pid() % 16, count(*),
               count(*) filter (where state = 'pending'), count(*) filter (where state = 'dialing'),
               count(*) filter (where state = 'deferred'), count(*) filter (where state = 'suppressed'),
               count(*) filter (where state = 'done')
        from inserted_rows group by campaign_id
        order by campaign_id
        on conflict (campaign_id, shard) do update set
            contacts = c.contacts + excluded.contacts, pending = c.pending + excluded.pending,
            dialing = c.dialing + excluded.dialing, deferred = c.deferred + excluded.deferred,
            suppressed = c.suppressed + excluded.suppressed, done = c.done + excluded.done;
    else
        insert into campaign_counters as c (campaign_id, shard, pending, dialing, deferred, suppressed, done)
        select campaign_id, pg_backend_pid() % 16,
               sum(case state when 'pending' then d else 0 end), sum(case state when 'dialing' then d else 0 end),
               sum(case state when 'deferred' then d else 0 end), sum(case state when 'suppressed' then d else 0 end),
               sum(case state when 'done' then d else 0 end)
        from (select campaign_id, state, 1 as d from new_rows
              union all
              select campaign_id, state, -1 from old_rows) delta
        group by campaign_id
        order by campaign_id
        on conflict (campaign_id, shard) do update set
            pending = c.pending + excluded.pending, dialing = c.dialing + excluded.dialing,
            deferred = c.deferred + excluded.deferred, suppressed = c.suppressed + excluded.suppressed,
            done = c.done + excluded.done;
    end if;
    return null;
end $$;


--
-- Name: campaign_outcomes_apply(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.campaign_outcomes_apply() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    insert into campaign_outcomes as c (campaign_id, shard, outcome, attempts)
    select campaign_id, pg_backend_pid() % 16, outcome, sum(d)
    from (select campaign_id, outcome, 1 as d from new_rows where outcome is not null
          union all
          select campaign_id, outcome, -1 from old_rows where outcome is not null) delta
    group by campaign_id, outcome
    having sum(d) <> 0
    order by campaign_id, outcome
    on conflict (campaign_id, shard, outcome) do update set attempts = c.attempts + excluded.attempts;
    return null;
end $$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: agent_wrap_ups; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.agent_wrap_ups (
    provider_account text NOT NULL,
    agent_id text NOT NULL,
    attempt_id bigint NOT NULL,
    until timestamp with time zone NOT NULL
);


--
-- Name: attempts_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.attempts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: attempts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.attempts (
    id bigint DEFAULT nextval('public.attempts_id_seq'::regclass) NOT NULL,
    campaign_id bigint NOT NULL,
    contact_id bigint NOT NULL,
    provider_account text NOT NULL,
    agent_id text NOT NULL,
    phone text NOT NULL COLLATE pg_catalog."C",
    dial_string text NOT NULL,
    caller_number_id text,
    caller_number text,
    status text DEFAULT 'dialing'::text NOT NULL,
    call_id text,
    outcome text,
    ring_seconds integer,
    talk_seconds integer,
    vendor_code text,
    vendor_message text,
    node text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    settled_at timestamp with time zone,
    disposition_code text,
    disposition_effect text,
    disposition_due_at timestamp with time zone,
    disposition_note text,
    disposed_at timestamp with time zone,
    callback_at timestamp with time zone,
    callback_agent_id text,
    callback_owner_until timestamp with time zone,
    offer_expires_at timestamp with time zone,
    make_call_deadline timestamp with time zone,
    make_call_session text,
    CONSTRAINT attempts_disposition_effect_check CHECK ((disposition_effect = ANY (ARRAY['final_success'::text, 'final_failure'::text, 'retry_after'::text, 'callback'::text, 'do_not_call'::text, 'wrong_number'::text]))),
    CONSTRAINT attempts_settled_when_settled_at CHECK (((status = 'settled'::text) = (settled_at IS NOT NULL))),
    CONSTRAINT attempts_status_check CHECK ((status = ANY (ARRAY['offered'::text, 'dialing'::text, 'placed'::text, 'unknown'::text, 'settled'::text])))
)
WITH (fillfactor='70');


--
-- Name: audit_entries; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_entries (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    actor_kind text NOT NULL,
    actor text NOT NULL,
    address inet,
    action text NOT NULL,
    target_type text,
    target_id text,
    campaign_id bigint,
    details jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT audit_entries_action_check CHECK ((action = ANY (ARRAY['campaign_create'::text, 'campaign_delete'::text, 'campaign_settings_change'::text, 'campaign_start'::text, 'campaign_pause'::text, 'campaign_resume'::text, 'campaign_cancel'::text, 'list_upload'::text, 'do_not_call_add'::text, 'do_not_call_remove'::text, 'job_trigger'::text, 'job_requeue'::text, 'sign_in'::text, 'sign_in_failure'::text, 'disposition_record'::text]))),
    CONSTRAINT audit_entries_actor_kind_check CHECK ((actor_kind = ANY (ARRAY['user'::text, 'api_key'::text, 'local'::text, 'agent'::text]))),
    CONSTRAINT audit_entries_target_type_check CHECK ((target_type = ANY (ARRAY['campaign'::text, 'upload'::text, 'do_not_call'::text, 'recurring_job'::text, 'job'::text, 'user'::text, 'attempt'::text])))
);


--
-- Name: audit_entries_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.audit_entries ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.audit_entries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: bridge_sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.bridge_sessions (
    provider_account text NOT NULL,
    agent_id text NOT NULL,
    node text NOT NULL,
    session_id uuid NOT NULL,
    connected_at timestamp with time zone NOT NULL,
    last_seen_at timestamp with time zone NOT NULL,
    unavailable_reason text,
    expires_at timestamp with time zone
);


--
-- Name: call_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.call_events (
    provider_account text NOT NULL,
    event_id text NOT NULL,
    agent_id text NOT NULL,
    name text NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    payload jsonb NOT NULL,
    call_id text,
    attempt_id bigint,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    vendor text NOT NULL,
    CONSTRAINT call_events_vendor_check CHECK ((vendor = ANY (ARRAY['udesk'::text, 'meiqia'::text, 'simulator'::text])))
);


--
-- Name: callee_dials; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.callee_dials (
    attempt_id bigint NOT NULL,
    phone text NOT NULL COLLATE pg_catalog."C",
    caller_number text,
    campaign_id bigint NOT NULL,
    dialled_at timestamp with time zone NOT NULL
);


--
-- Name: caller_numbers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.caller_numbers (
    campaign_id bigint NOT NULL,
    id text NOT NULL,
    number text NOT NULL,
    area_code text,
    daily_cap integer DEFAULT 0 NOT NULL,
    used_on date,
    used_today integer DEFAULT 0 NOT NULL,
    last_used_at timestamp with time zone,
    rested_until timestamp with time zone,
    recent_answered boolean[] DEFAULT '{}'::boolean[] NOT NULL,
    calls_total integer DEFAULT 0 NOT NULL,
    answered_total integer DEFAULT 0 NOT NULL,
    province text,
    city text,
    recent_short boolean[] DEFAULT '{}'::boolean[] NOT NULL,
    recent_rejected boolean[] DEFAULT '{}'::boolean[] NOT NULL
);


--
-- Name: campaign_counters; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.campaign_counters (
    campaign_id bigint NOT NULL,
    shard integer NOT NULL,
    contacts bigint DEFAULT 0 NOT NULL,
    pending bigint DEFAULT 0 NOT NULL,
    dialing bigint DEFAULT 0 NOT NULL,
    deferred bigint DEFAULT 0 NOT NULL,
    suppressed bigint DEFAULT 0 NOT NULL,
    done bigint DEFAULT 0 NOT NULL
);


--
-- Name: campaign_diagnostics; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.campaign_diagnostics (
    campaign_id bigint NOT NULL,
    computed_at timestamp with time zone NOT NULL,
    counts jsonb NOT NULL
);


--
-- Name: campaign_dispositions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.campaign_dispositions (
    campaign_id bigint NOT NULL,
    code text NOT NULL,
    attempts bigint DEFAULT 0 NOT NULL
);


--
-- Name: campaign_outcomes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.campaign_outcomes (
    campaign_id bigint NOT NULL,
    shard integer NOT NULL,
    outcome text NOT NULL,
    attempts bigint DEFAULT 0 NOT NULL
);


--
-- Name: campaigns; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.campaigns (
    id bigint NOT NULL,
    name text NOT NULL,
    state text DEFAULT 'draft'::text NOT NULL,
    time_zone text DEFAULT 'Asia/Shanghai'::text NOT NULL,
    settings jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    rotation_cursor bigint DEFAULT 0 NOT NULL,
    CONSTRAINT campaigns_state_check CHECK ((state = ANY (ARRAY['draft'::text, 'running'::text, 'paused'::text, 'completed'::text, 'cancelled'::text])))
);


--
-- Name: campaigns_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.campaigns ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.campaigns_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: contact_alternates; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.contact_alternates (
    contact_id bigint NOT NULL,
    "position" smallint NOT NULL,
    campaign_id bigint NOT NULL,
    phone text NOT NULL COLLATE pg_catalog."C",
    number_type text,
    province text,
    city text
);


--
-- Name: contact_lists; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.contact_lists (
    id bigint NOT NULL,
    campaign_id bigint NOT NULL,
    file_name text NOT NULL,
    content_sha256 bytea NOT NULL,
    encoding text NOT NULL,
    delimiter text NOT NULL,
    header text[] NOT NULL,
    rows integer DEFAULT 0 NOT NULL,
    accepted integer DEFAULT 0 NOT NULL,
    rejected integer DEFAULT 0 NOT NULL,
    duplicates integer DEFAULT 0 NOT NULL,
    suppressed integer DEFAULT 0 NOT NULL,
    imported_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: contact_lists_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.contact_lists ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.contact_lists_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: contacts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.contacts (
    id bigint NOT NULL,
    campaign_id bigint NOT NULL,
    list_id bigint NOT NULL,
    line_no integer NOT NULL,
    phone text NOT NULL COLLATE pg_catalog."C",
    name text,
    timezone text,
    privacy_number text,
    attributes jsonb DEFAULT '{}'::jsonb NOT NULL,
    state text DEFAULT 'pending'::text NOT NULL,
    priority integer DEFAULT 0 NOT NULL,
    next_due_at timestamp with time zone DEFAULT now() NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    attempts_today integer DEFAULT 0 NOT NULL,
    last_outcome text,
    last_attempt_at timestamp with time zone,
    wait_reason text,
    number_type text,
    province text,
    city text,
    callback_at timestamp with time zone,
    callback_agent_id text,
    callback_owner_until timestamp with time zone,
    last_disposition text,
    number_failures integer DEFAULT 0 NOT NULL,
    CONSTRAINT contacts_state_check CHECK ((state = ANY (ARRAY['pending'::text, 'dialing'::text, 'deferred'::text, 'suppressed'::text, 'done'::text])))
);


--
-- Name: contacts_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.contacts ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.contacts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1000
);


--
-- Name: daily_reports; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.daily_reports (
    campaign_id bigint NOT NULL,
    day date NOT NULL,
    report jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    rescheduled bigint DEFAULT 0 NOT NULL,
    finalised bigint DEFAULT 0 NOT NULL,
    closed_at timestamp with time zone
);


--
-- Name: data_protection_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.data_protection_keys (
    id bigint NOT NULL,
    friendly_name text NOT NULL,
    xml text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: data_protection_keys_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.data_protection_keys ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.data_protection_keys_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: dial_gate_refusals; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dial_gate_refusals (
    campaign_id bigint NOT NULL,
    stage text NOT NULL,
    reason text NOT NULL,
    refusals bigint DEFAULT 0 NOT NULL,
    CONSTRAINT dial_gate_refusals_stage_check CHECK ((stage = ANY (ARRAY['lease'::text, 'dial'::text])))
);


--
-- Name: dialer_accounts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dialer_accounts (
    provider_account text NOT NULL,
    node text NOT NULL,
    provider text NOT NULL,
    bridge boolean NOT NULL,
    circuit_open boolean NOT NULL,
    circuit_reason text,
    seen_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL
);


--
-- Name: dnc; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dnc (
    phone text NOT NULL COLLATE pg_catalog."C",
    source text DEFAULT 'manual'::text NOT NULL,
    added_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: import_rejects; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.import_rejects (
    list_id bigint NOT NULL,
    line_no integer NOT NULL,
    reason text NOT NULL,
    fields text[] NOT NULL
);


--
-- Name: list_uploads; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.list_uploads (
    id bigint NOT NULL,
    campaign_name text NOT NULL,
    file_name text NOT NULL,
    stored_path text NOT NULL,
    size_bytes bigint NOT NULL,
    status text DEFAULT 'queued'::text NOT NULL,
    rows_read integer DEFAULT 0 NOT NULL,
    bytes_read bigint DEFAULT 0 NOT NULL,
    list_id bigint,
    error text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    job_id text,
    mapping jsonb,
    CONSTRAINT list_uploads_status_check CHECK ((status = ANY (ARRAY['staged'::text, 'queued'::text, 'importing'::text, 'imported'::text, 'failed'::text])))
);


--
-- Name: TABLE list_uploads; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.list_uploads IS 'A list uploaded for a background import: the file waits in the upload folder, a Hangfire job imports it.';


--
-- Name: COLUMN list_uploads.mapping; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.list_uploads.mapping IS 'The columns'' roles a person chose: {"phone": 2, "name": 0, "timezone": null, "privacy_number": null} (0-based); null = found from the header''s names.';


--
-- Name: list_uploads_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.list_uploads ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.list_uploads_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: node_readiness; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.node_readiness (
    node text NOT NULL,
    ready boolean NOT NULL,
    failing text[] DEFAULT '{}'::text[] NOT NULL,
    checked_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL
);


--
-- Name: preview_skips; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.preview_skips (
    campaign_id bigint NOT NULL,
    agent_id text NOT NULL,
    day date NOT NULL,
    skips integer DEFAULT 0 NOT NULL
);


--
-- Name: quarantined_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.quarantined_events (
    id bigint NOT NULL,
    provider_account text NOT NULL,
    event_id text NOT NULL,
    agent_id text NOT NULL,
    name text NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    payload text NOT NULL,
    reason text NOT NULL,
    quarantined_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: quarantined_events_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.quarantined_events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.quarantined_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    version integer NOT NULL,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: seen_agents; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.seen_agents (
    provider_account text NOT NULL,
    agent_id text NOT NULL,
    bridge_seen_at timestamp with time zone,
    vendor_seen_at timestamp with time zone
);


--
-- Name: agent_wrap_ups agent_wrap_ups_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.agent_wrap_ups
    ADD CONSTRAINT agent_wrap_ups_pkey PRIMARY KEY (provider_account, agent_id);


--
-- Name: attempts attempts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attempts
    ADD CONSTRAINT attempts_pkey PRIMARY KEY (id);


--
-- Name: audit_entries audit_entries_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_entries
    ADD CONSTRAINT audit_entries_pkey PRIMARY KEY (id);


--
-- Name: bridge_sessions bridge_sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bridge_sessions
    ADD CONSTRAINT bridge_sessions_pkey PRIMARY KEY (provider_account, agent_id);


--
-- Name: call_events call_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.call_events
    ADD CONSTRAINT call_events_pkey PRIMARY KEY (provider_account, event_id);


--
-- Name: callee_dials callee_dials_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.callee_dials
    ADD CONSTRAINT callee_dials_pkey PRIMARY KEY (attempt_id);


--
-- Name: caller_numbers caller_numbers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.caller_numbers
    ADD CONSTRAINT caller_numbers_pkey PRIMARY KEY (campaign_id, id);


--
-- Name: campaign_counters campaign_counters_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaign_counters
    ADD CONSTRAINT campaign_counters_pkey PRIMARY KEY (campaign_id, shard);


--
-- Name: campaign_diagnostics campaign_diagnostics_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaign_diagnostics
    ADD CONSTRAINT campaign_diagnostics_pkey PRIMARY KEY (campaign_id);


--
-- Name: campaign_dispositions campaign_dispositions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaign_dispositions
    ADD CONSTRAINT campaign_dispositions_pkey PRIMARY KEY (campaign_id, code);


--
-- Name: campaign_outcomes campaign_outcomes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaign_outcomes
    ADD CONSTRAINT campaign_outcomes_pkey PRIMARY KEY (campaign_id, shard, outcome);


--
-- Name: campaigns campaigns_name_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaigns
    ADD CONSTRAINT campaigns_name_unique UNIQUE (name);


--
-- Name: campaigns campaigns_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaigns
    ADD CONSTRAINT campaigns_pkey PRIMARY KEY (id);


--
-- Name: contact_alternates contact_alternates_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contact_alternates
    ADD CONSTRAINT contact_alternates_pkey PRIMARY KEY (contact_id, "position");


--
-- Name: contact_lists contact_lists_content_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contact_lists
    ADD CONSTRAINT contact_lists_content_unique UNIQUE (campaign_id, content_sha256);


--
-- Name: contact_lists contact_lists_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contact_lists
    ADD CONSTRAINT contact_lists_pkey PRIMARY KEY (id);


--
-- Name: contacts contacts_campaign_phone_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contacts
    ADD CONSTRAINT contacts_campaign_phone_unique UNIQUE (campaign_id, phone);


--
-- Name: contacts contacts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contacts
    ADD CONSTRAINT contacts_pkey PRIMARY KEY (id);


--
-- Name: daily_reports daily_reports_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.daily_reports
    ADD CONSTRAINT daily_reports_pkey PRIMARY KEY (campaign_id, day);


--
-- Name: data_protection_keys data_protection_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.data_protection_keys
    ADD CONSTRAINT data_protection_keys_pkey PRIMARY KEY (id);


--
-- Name: dial_gate_refusals dial_gate_refusals_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dial_gate_refusals
    ADD CONSTRAINT dial_gate_refusals_pkey PRIMARY KEY (campaign_id, stage, reason);


--
-- Name: dialer_accounts dialer_accounts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dialer_accounts
    ADD CONSTRAINT dialer_accounts_pkey PRIMARY KEY (provider_account, node);


--
-- Name: dnc dnc_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dnc
    ADD CONSTRAINT dnc_pkey PRIMARY KEY (phone);


--
-- Name: import_rejects import_rejects_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_rejects
    ADD CONSTRAINT import_rejects_pkey PRIMARY KEY (list_id, line_no);


--
-- Name: list_uploads list_uploads_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.list_uploads
    ADD CONSTRAINT list_uploads_pkey PRIMARY KEY (id);


--
-- Name: node_readiness node_readiness_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.node_readiness
    ADD CONSTRAINT node_readiness_pkey PRIMARY KEY (node);


--
-- Name: preview_skips preview_skips_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.preview_skips
    ADD CONSTRAINT preview_skips_pkey PRIMARY KEY (campaign_id, agent_id, day);


--
-- Name: quarantined_events quarantined_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.quarantined_events
    ADD CONSTRAINT quarantined_events_pkey PRIMARY KEY (id);


--
-- Name: quarantined_events quarantined_events_provider_account_event_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.quarantined_events
    ADD CONSTRAINT quarantined_events_provider_account_event_id_key UNIQUE (provider_account, event_id);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: seen_agents seen_agents_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.seen_agents
    ADD CONSTRAINT seen_agents_pkey PRIMARY KEY (provider_account, agent_id);


--
-- Name: attempts_by_call_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX attempts_by_call_id ON public.attempts USING btree (call_id, provider_account) WHERE (call_id IS NOT NULL);


--
-- Name: attempts_by_caller_number; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX attempts_by_caller_number ON public.attempts USING btree (campaign_id, caller_number_id, created_at) WHERE (caller_number_id IS NOT NULL);


--
-- Name: attempts_by_contact; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX attempts_by_contact ON public.attempts USING btree (contact_id, id);


--
-- Name: attempts_campaign_day; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX attempts_campaign_day ON public.attempts USING btree (campaign_id, created_at);


--
-- Name: attempts_live_by_age; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX attempts_live_by_age ON public.attempts USING btree (created_at) WHERE (settled_at IS NULL);


--
-- Name: attempts_live_by_agent; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX attempts_live_by_agent ON public.attempts USING btree (provider_account, agent_id) WHERE (settled_at IS NULL);


--
-- Name: attempts_live_by_campaign; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX attempts_live_by_campaign ON public.attempts USING btree (campaign_id) WHERE (settled_at IS NULL);


--
-- Name: attempts_live_by_phone; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX attempts_live_by_phone ON public.attempts USING btree (phone) WHERE (settled_at IS NULL);


--
-- Name: attempts_offered; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX attempts_offered ON public.attempts USING btree (offer_expires_at) WHERE (offer_expires_at IS NOT NULL);


--
-- Name: attempts_one_live_per_contact; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX attempts_one_live_per_contact ON public.attempts USING btree (contact_id) WHERE (settled_at IS NULL);


--
-- Name: attempts_unknown_unbound; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX attempts_unknown_unbound ON public.attempts USING btree (provider_account, agent_id, created_at) WHERE ((outcome = 'unknown'::text) AND (call_id IS NULL));


--
-- Name: audit_entries_by_campaign; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_entries_by_campaign ON public.audit_entries USING btree (campaign_id, at DESC, id DESC) WHERE (campaign_id IS NOT NULL);


--
-- Name: audit_entries_newest; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_entries_newest ON public.audit_entries USING btree (at DESC, id DESC);


--
-- Name: bridge_sessions_node; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX bridge_sessions_node ON public.bridge_sessions USING btree (node);


--
-- Name: call_events_attempt; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX call_events_attempt ON public.call_events USING btree (attempt_id) WHERE (attempt_id IS NOT NULL);


--
-- Name: call_events_unbound; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX call_events_unbound ON public.call_events USING btree (provider_account, call_id) WHERE ((attempt_id IS NULL) AND (call_id IS NOT NULL));


--
-- Name: callee_dials_by_phone; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX callee_dials_by_phone ON public.callee_dials USING btree (phone, dialled_at);


--
-- Name: contact_alternates_by_campaign; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contact_alternates_by_campaign ON public.contact_alternates USING btree (campaign_id, phone);


--
-- Name: contacts_callbacks_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contacts_callbacks_due ON public.contacts USING btree (campaign_id, next_due_at) WHERE ((state = 'pending'::text) AND (callback_at IS NOT NULL));


--
-- Name: contacts_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contacts_due ON public.contacts USING btree (campaign_id, priority DESC, next_due_at) WHERE (state = 'pending'::text);


--
-- Name: list_uploads_without_job; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX list_uploads_without_job ON public.list_uploads USING btree (created_at) WHERE ((status = 'queued'::text) AND (job_id IS NULL));


--
-- Name: attempts attempts_counted_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER attempts_counted_update AFTER UPDATE ON public.attempts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.campaign_outcomes_apply();


--
-- Name: contacts contacts_counted_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER contacts_counted_insert AFTER INSERT ON public.contacts REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION public.campaign_counters_apply();


--
-- Name: contacts contacts_counted_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER contacts_counted_update AFTER UPDATE ON public.contacts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.campaign_counters_apply();


--
-- Name: attempts attempts_campaign_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attempts
    ADD CONSTRAINT attempts_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES public.campaigns(id);


--
-- Name: caller_numbers caller_numbers_campaign_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.caller_numbers
    ADD CONSTRAINT caller_numbers_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES public.campaigns(id);


--
-- Name: campaign_dispositions campaign_dispositions_campaign_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaign_dispositions
    ADD CONSTRAINT campaign_dispositions_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES public.campaigns(id);


--
-- Name: contact_lists contact_lists_campaign_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contact_lists
    ADD CONSTRAINT contact_lists_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES public.campaigns(id);


--
-- Name: daily_reports daily_reports_campaign_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.daily_reports
    ADD CONSTRAINT daily_reports_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES public.campaigns(id);


--
-- Name: list_uploads list_uploads_list_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.list_uploads
    ADD CONSTRAINT list_uploads_list_id_fkey FOREIGN KEY (list_id) REFERENCES public.contact_lists(id);


--
-- Name: preview_skips preview_skips_campaign_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.preview_skips
    ADD CONSTRAINT preview_skips_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES public.campaigns(id);


--
-- PostgreSQL database dump complete
--


