import ArgumentParser
import ContentStore
import Pipeline
import Foundation

/// `mixspec declare-unchanged SPEC FILE… --note TEXT`: keep stored results across a harmless edit.
struct DeclareUnchangedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "declare-unchanged",
        abstract: "Declare that an edit to a trainer input file does not change results, so nothing retrains.",
        discussion: """
        Files named in a command trainer's argv (e.g. train.py) and matched by proxies.trainer.inputs \
        are inputs of every train and verify task: editing one makes those tasks stale. When an edit \
        cannot change results (a comment, a log message), declare it: the file's new content is then \
        keyed as the content its tasks last ran with. The declaration is recorded in the store with \
        the date and your note, and `mixspec explain` shows it for every task that relies on it. \
        A later edit is stale again until declared again.

        Example: mixspec declare-unchanged spec.yaml train.py --note "typo in a comment"
        """
    )

    @OptionGroup var options: SpecOptions

    @Argument(help: "The edited files (paths as you would type them here).")
    var files: [String]

    @Option(name: .long, help: "Why the edit does not change results (recorded and shown by explain).")
    var note: String

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one edited file") }
        if note.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--note must say why the edit changes no result") }
    }

    func run() async throws {
        let session = try options.open()
        let made: [UnchangedDeclaration]
        do {
            made = try await session.declareUnchanged(files, note: note)
        } catch let error as DeclareUnchangedError {
            throw fail(error.message)
        }
        if made.isEmpty {
            printOut("nothing to declare: the tasks reading \(files.joined(separator: ", ")) already use their current content\n")
        }
        for declaration in made {
            printOut("declared: \(declaration.name) \(declaration.digest.prefix(8))… is keyed as \(declaration.as.prefix(8))… (\(declaration.note))\n")
        }
    }
}
