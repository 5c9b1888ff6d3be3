#!/usr/bin/env bash
# Starts a one-node Slurm cluster on this machine for the Slurm tests (Debian packages; root or
# sudo). Idempotent: a cluster that is already up is left alone.
# Usage: .ci/slurm-single-node.sh [install]   (`install`: apt-get the packages when missing)
# Afterwards `sinfo` shows partition `debug` with this host, and sbatch / squeue / scancel /
# scontrol work. There is no slurmdbd, so sacct has no records: mixspec polls squeue and reads the
# exit-code files its job wrapper writes. MinJobAge=60 keeps ended jobs (and their state: TIMEOUT,
# CANCELLED, …) visible to `squeue -t all` for a minute.
set -euo pipefail
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "slurm-single-node: needs root or sudo" >&2; exit 1; }
  sudo=sudo
fi
if sinfo -h -o '%t' 2>/dev/null | grep -qE 'idle|mix|alloc'; then
  echo "slurm already up: $(sinfo -h -o '%P %D %t %C')"; exit 0
fi
if [ "${1:-}" = install ] && ! { command -v slurmctld && command -v slurmd && command -v sbatch && command -v munged; } >/dev/null 2>&1; then
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null
fi
host=$(hostname)
cpus=$(nproc)
mem=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024 ))
[ "$mem" -gt 256 ] || mem=256
$sudo mkdir -p /etc/slurm /var/spool/slurmd /var/spool/slurmctld /run/munge /var/log/slurm
$sudo tee /etc/slurm/slurm.conf >/dev/null <<CONF
ClusterName=local
SlurmctldHost=localhost
ProctrackType=proctrack/linuxproc
ReturnToService=2
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmdSpoolDir=/var/spool/slurmd
StateSaveLocation=/var/spool/slurmctld
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
SlurmUser=root
TaskPlugin=task/none
MaxArraySize=10001
MinJobAge=60
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
NodeName=localhost NodeHostname=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
CONF
$sudo chown -R munge:munge /run/munge 2>/dev/null || true
if [ ! -f /etc/munge/munge.key ]; then
  $sudo mkdir -p /etc/munge
  $sudo dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null
  $sudo chown munge:munge /etc/munge/munge.key 2>/dev/null || true
  $sudo chmod 400 /etc/munge/munge.key
fi
pgrep -x munged >/dev/null || $sudo munged --force 2>/dev/null || $sudo su -s /bin/sh munge -c 'munged --force' || $sudo munged --force -f
pgrep -x slurmctld >/dev/null || $sudo slurmctld
pgrep -x slurmd >/dev/null || $sudo slurmd
for _ in $(seq 1 30); do
  if sinfo -h -o '%t' 2>/dev/null | grep -qE 'idle|mix|alloc'; then echo "slurm up: $(sinfo -h -o '%P %D %t %C')"; exit 0; fi
  $sudo scontrol update nodename=localhost state=resume >/dev/null 2>&1 || true
  sleep 1
done
echo "slurm did not come up; see /var/log/slurm/" >&2
exit 1
