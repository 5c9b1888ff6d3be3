// The files a Slurm submission consists of, as pure text: each task's wrapper (`run.sh`: the same
// argv, placeholders and MIXSPEC_* environment as the local launcher, the command's output into the
// task's log, its exit status into an exit-code file written last, as Nextflow's `.exitcode`), the
// array script that maps an element to its task, and sbatch's arguments.
import Foundation
import SpecModel

/// Renders Slurm submission scripts and arguments.
public enum SlurmScripts {
    /// The wrapper of one task. `jobDirectory` holds `mixture.json` and gets `out/`, `log` and
    /// `exitcode`; the command runs in `workingDirectory` (the spec's folder).
    public static func taskScript(_ request: LaunchRequest, taskID: String, jobDirectory: String) -> String {
        let mixture = jobDirectory + "/mixture.json", out = jobDirectory + "/out"
        let values: [String: String] = [
            "{mixture}": mixture, "{out}": out, "{model.name}": request.modelName, "{model.size}": String(request.modelSize),
            "{tokens}": String(request.tokens), "{seed}": String(request.seed), "{run}": request.runID,
        ]
        let argv = CommandTrainer.substitute(request.argv, values)
        let environment = [
            ("MIXSPEC_RUN", request.runID), ("MIXSPEC_MIXTURE", mixture), ("MIXSPEC_OUT", out),
            ("MIXSPEC_MODEL_NAME", request.modelName), ("MIXSPEC_MODEL_SIZE", String(request.modelSize)),
            ("MIXSPEC_TOKENS", String(request.tokens)), ("MIXSPEC_SEED", String(request.seed)),
        ]
        var lines = [
            "#!/bin/sh",
            "# mixspec task \(taskID): written by mixspec; runs on a compute node.",
            "d=\(quote(jobDirectory))",
            // A requeued or resubmitted attempt starts afresh: no exit code, an empty {out}.
            "rm -f \"$d/exitcode\" \"$d/exitcode.tmp\"",
            "rm -rf \"$d/out\" && mkdir \"$d/out\" || exit 70",
            "trap 'signalled=1' TERM INT HUP",
            "finish() { printf '%s\\n' \"$1\" > \"$d/exitcode.tmp\" && mv -f \"$d/exitcode.tmp\" \"$d/exitcode\"; exit \"$1\"; }",
            "echo \"mixspec: Slurm job ${SLURM_ARRAY_JOB_ID:-$SLURM_JOB_ID}${SLURM_ARRAY_TASK_ID:+_$SLURM_ARRAY_TASK_ID} on $(hostname), restart ${SLURM_RESTART_COUNT:-0}\" > \"$d/log\"",
            "cd \(quote(request.workingDirectory)) || { echo \"mixspec: cannot enter \(escapeForEcho(request.workingDirectory)) on $(hostname): is it on a shared filesystem?\" >> \"$d/log\"; finish 126; }",
        ]
        for (name, value) in environment { lines.append("export \(name)=\(quote(value))") }
        lines.append("echo \(quote("mixspec: running in \(request.workingDirectory): " + argv.map(CommandTrainer.shellQuoted).joined(separator: " "))) >> \"$d/log\"")
        lines.append(argv.map(quote).joined(separator: " ") + " >> \"$d/log\" 2>&1 < /dev/null")
        // Slurm signalled the job (requeue, preemption, scancel, time limit): the attempt did not
        // end on its own, so it leaves no exit code; the state then comes from Slurm, and a requeued
        // attempt writes its own.
        lines.append("status=$?")
        lines.append("[ -z \"${signalled:-}\" ] || exit \"$status\"")
        lines.append("finish \"$status\"")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The batch script of a submission: element `i` (0 for a job submitted alone) runs the task
    /// whose folder is on line `i + 1` of `manifest`.
    public static func submissionScript(manifest: String) -> String {
        """
        #!/bin/sh
        # mixspec submission: written by mixspec; element i runs the task on line i+1 of the manifest.
        i=${SLURM_ARRAY_TASK_ID:-0}
        dir=$(sed -n "$((i + 1))p" \(quote(manifest)))
        [ -n "$dir" ] || { echo "mixspec: no task for element $i in \(escapeForEcho(manifest))" >&2; exit 70; }
        exec /bin/sh "$dir/run.sh"

        """
    }

    /// sbatch's arguments for a submission of `count` tasks named `name` (an array unless `count`
    /// is 1 and `array` is off), with the spec's resources and `comment` (the task ids).
    public static func sbatchArguments(name: String, comment: String, count: Int, asArray: Bool, resources: Slurm,
                                       submissionDirectory: String, workingDirectory: String) -> [String] {
        var args = ["--parsable", "--job-name=\(name)", "--comment=\(comment)", "--chdir=\(workingDirectory)"]
        if asArray {
            var range = "--array=0-\(max(0, count - 1))"
            if let limit = resources.arrayLimit { range += "%\(limit)" }
            args.append(range)
            args.append("--output=\(submissionDirectory)/slurm-%a.out")
        } else {
            args.append("--output=\(submissionDirectory)/slurm.out")
        }
        if let partition = resources.partition { args.append("--partition=\(partition)") }
        if let time = resources.time { args.append("--time=\(time)") }
        if let gpus = resources.gpus { args.append("--gpus=\(gpus)") }
        if let cpus = resources.cpus { args.append("--cpus-per-task=\(cpus)") }
        if let memory = resources.memory { args.append("--mem=\(memory)") }
        args += resources.extraArgs
        args.append(submissionDirectory + "/submit.sh")
        return args
    }

    /// A word for /bin/sh, single-quoted.
    static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Text to place inside a double-quoted echo argument.
    private static func escapeForEcho(_ text: String) -> String {
        var out = ""
        for c in text {
            if "\"$`\\".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
