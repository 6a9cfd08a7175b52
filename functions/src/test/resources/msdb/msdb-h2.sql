-- msdb tables as documented on learn.microsoft.com (system-tables/backupset-transact-sql,
-- backupmediaset-transact-sql, backupmediafamily-transact-sql, dbo-sysjobs-transact-sql,
-- dbo-sysjobactivity-transact-sql, dbo-syssessions-transact-sql, dbo-sysjobhistory-transact-sql),
-- with their documented SQL Server types mapped to H2 (uniqueidentifier -> UUID, sysname -> nvarchar(128)).
CREATE SCHEMA IF NOT EXISTS dbo;

CREATE TABLE dbo.backupmediaset (
  media_set_id int PRIMARY KEY,
  media_uuid UUID,
  media_family_count tinyint,
  name nvarchar(128),
  description nvarchar(255),
  software_name nvarchar(128),
  software_vendor_id int,
  MTF_major_version tinyint,
  mirror_count tinyint,
  is_password_protected bit,
  is_compressed bit,
  is_encrypted bit
);

CREATE TABLE dbo.backupmediafamily (
  media_set_id int NOT NULL,
  family_sequence_number tinyint NOT NULL,
  media_family_id UUID,
  media_count int,
  logical_device_name nvarchar(128),
  physical_device_name nvarchar(260),
  device_type tinyint,
  physical_block_size int,
  mirror tinyint NOT NULL
);

CREATE TABLE dbo.backupset (
  backup_set_id int IDENTITY(1,1) PRIMARY KEY,
  backup_set_uuid UUID NOT NULL,
  media_set_id int NOT NULL,
  first_family_number tinyint,
  first_media_number smallint,
  last_family_number tinyint,
  last_media_number smallint,
  catalog_family_number tinyint,
  catalog_media_number smallint,
  position int,
  expiration_date datetime,
  software_vendor_id int,
  name nvarchar(128),
  description nvarchar(255),
  user_name nvarchar(128),
  software_major_version tinyint,
  software_minor_version tinyint,
  software_build_version smallint,
  time_zone smallint,
  mtf_minor_version tinyint,
  first_lsn numeric(25,0),
  last_lsn numeric(25,0),
  checkpoint_lsn numeric(25,0),
  database_backup_lsn numeric(25,0),
  database_creation_date datetime,
  backup_start_date datetime,
  backup_finish_date datetime,
  type char(1),
  sort_order smallint,
  code_page smallint,
  compatibility_level tinyint,
  database_version int,
  backup_size numeric(20,0),
  database_name nvarchar(128),
  server_name nvarchar(128),
  machine_name nvarchar(128),
  flags int,
  unicode_locale int,
  unicode_compare_style int,
  collation_name nvarchar(128),
  is_password_protected bit,
  recovery_model nvarchar(60),
  has_bulk_logged_data bit,
  is_snapshot bit,
  is_readonly bit,
  is_single_user bit,
  has_backup_checksums bit,
  is_damaged bit,
  begins_log_chain bit,
  has_incomplete_metadata bit,
  is_force_offline bit,
  is_copy_only bit,
  first_recovery_fork_guid UUID,
  last_recovery_fork_guid UUID,
  fork_point_lsn numeric(25,0),
  database_guid UUID,
  family_guid UUID,
  differential_base_lsn numeric(25,0),
  differential_base_guid UUID,
  compressed_backup_size numeric(20,0),
  key_algorithm nvarchar(32),
  encryptor_thumbprint varbinary(20),
  encryptor_type nvarchar(32)
);

CREATE TABLE dbo.sysjobs (
  job_id UUID PRIMARY KEY,
  originating_server_id int,
  name nvarchar(128) NOT NULL,
  enabled tinyint,
  description nvarchar(512),
  start_step_id int,
  category_id int,
  owner_sid varbinary(85),
  notify_level_eventlog int,
  delete_level int,
  date_created datetime,
  date_modified datetime,
  version_number int
);

CREATE TABLE dbo.syssessions (
  session_id int PRIMARY KEY,
  agent_start_date datetime
);

CREATE TABLE dbo.sysjobactivity (
  session_id int,
  job_id UUID,
  run_requested_date datetime,
  run_requested_source nvarchar(128),
  queued_date datetime,
  start_execution_date datetime,
  last_executed_step_id int,
  last_executed_step_date datetime,
  stop_execution_date datetime,
  job_history_id int,
  next_scheduled_run_date datetime
);

CREATE TABLE dbo.sysjobhistory (
  instance_id int IDENTITY(1,1) PRIMARY KEY,
  job_id UUID,
  step_id int,
  step_name nvarchar(128),
  sql_message_id int,
  sql_severity int,
  message nvarchar(4000),
  run_status int,
  run_date int,
  run_time int,
  run_duration int,
  operator_id_emailed int,
  operator_id_netsent int,
  operator_id_paged int,
  retries_attempted int,
  server nvarchar(128)
);

-- system-tables/restorehistory-transact-sql
CREATE TABLE dbo.restorehistory (
  restore_history_id int IDENTITY(1,1) PRIMARY KEY,
  restore_date datetime,
  destination_database_name nvarchar(128),
  user_name nvarchar(128),
  backup_set_id int NOT NULL,
  restore_type char(1),
  replace bit,
  recovery bit,
  restart bit,
  stop_at datetime,
  device_count tinyint,
  stop_at_mark_name nvarchar(128),
  stop_before bit
);
